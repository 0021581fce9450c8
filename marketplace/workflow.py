"""The one way stateful objects change state: check, lock, change, record; safe to call twice.

Each domain keeps its states as TextChoices and its allowed transitions in a table
({to_state: {from_states}}); its service functions call `transition()`.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.audit.models import StateChange
from marketplace.labels import choice_label


class TransitionError(Exception):
    """An illegal transition or actor. `code` is stable for callers; `message` is for people."""

    def __init__(self, message, code="illegal_transition"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class TransitionResult:
    obj: object
    changed: bool


def lock(model, pk):
    """Fetch a row for update in the caller's transaction (SQLite has no row locks; it serialises writes)."""
    return model.objects.select_for_update().get(pk=pk)


def record(obj, from_state, to_state, actor, note="", field="state"):
    return StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        field=field,
        from_state=from_state or "",
        to_state=to_state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def transition(model, pk, to, table, *, actor=None, note="", field="state", apply=None, check=None):
    """Move row `pk` of `model` to state `to` if `table[to]` allows its current state.

    Locks the row for the whole change. Calling it again once the row is already in `to` changes nothing
    and returns changed=False (idempotent). `check(obj)` may raise TransitionError (actor rules);
    `apply(obj)` does the transition's work inside the same transaction, before the save.
    """
    with transaction.atomic():
        obj = lock(model, pk)
        current = getattr(obj, field)
        if current == to:
            return TransitionResult(obj, False)
        if current not in table.get(to, ()):
            raise TransitionError(
                _("Cannot move %(what)s from “%(current)s” to “%(to)s”.")
                % {
                    "what": model._meta.verbose_name,
                    "current": choice_label(model, field, current),
                    "to": choice_label(model, field, to),
                },
                code="illegal_transition",
            )
        if check:
            check(obj)
        setattr(obj, field, to)
        if apply:
            apply(obj)
        obj.save()
        record(obj, current, to, actor, note=note, field=field)
        return TransitionResult(obj, True)


def history(obj):
    return StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).select_related("actor")
