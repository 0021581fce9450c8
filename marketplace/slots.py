"""Slots: places in a lower layer's page that the apps above it fill, so the lower layer never names them.

The catalog's product page shows a buy form and a "contact the supplier" link, yet the catalog knows nothing
of orders or trade flows. Its template declares a slot where they go, `{% slot "product.actions" %}`, and
each app that owns such a feature registers a template for it when it starts (its AppConfig.ready()):

    slots.register("product.actions", "orders/includes/add_to_cart.html", order=10)

A slot renders every template registered for it, lowest `order` first, with the declaring template's context
plus the values the tag names (`{% slot "supplier.card" supplier=supplier %}`): those names are the slot's
whole interface. A slot nothing is registered for renders nothing.

A slot inside a cached fragment makes the fragment show data the declaring app never loads (a supplier's
responsiveness figures). Its templates are then registered with `vary_on(context)`, the values they show,
computed the way the template computes them; the fragment's key includes them, joined by
`{% slot_version "supplier.card" supplier=supplier as card_version %}`, without rendering anything.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.template import Context
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Filler:
    template_name: str
    order: int
    vary_on: Callable[[Context], Iterable] | None = None


_fillers: dict[str, list[Filler]] = {}


def register(slot: str, template_name: str, order: int = 0, vary_on=None) -> None:
    """Renders `template_name` in `slot`. Apps call it once, in AppConfig.ready(): the same template twice in
    one slot is a mistake (ValueError), not something to ignore."""
    fillers = _fillers.setdefault(slot, [])
    if any(filler.template_name == template_name for filler in fillers):
        raise ValueError(f"{template_name} is already registered for the slot {slot!r}.")
    fillers.append(Filler(template_name, order, vary_on))
    fillers.sort(key=lambda filler: (filler.order, filler.template_name))


def registered() -> dict[str, list[Filler]]:
    """Every slot with its templates, in order (for the layering tests)."""
    return {slot: list(fillers) for slot, fillers in _fillers.items()}


def render(slot: str, context: Context, **values) -> SafeString:
    """The templates of `slot`, rendered in order with `context` and `values`, as `{% include %}` would."""
    engine = context.template.engine
    with context.push(**values):
        html = "".join(engine.get_template(f.template_name).render(context) for f in _fillers.get(slot, ()))
    return mark_safe(html)


def version(slot: str, context: Context, **values) -> str:
    """What the templates of `slot` show, as one string for a cache key: their `vary_on` values joined by ':'
    (as `{% cache %}` joins its own), '' when none of them varies."""
    with context.push(**values):
        parts = [value for f in _fillers.get(slot, ()) if f.vary_on for value in f.vary_on(context)]
    return ":".join(str(part) for part in parts)
