"""The one exception of the members services: a refusal with a stable `code` and a message for people."""

from marketplace.workflow import TransitionError


class MembersError(TransitionError):
    """Refused: not allowed, an invitation that no longer works, the last owner... Views show `message`."""
