"""Order services. `create_order` and `LineSpec` are the interface the trade flows call."""

from .ordering import LineSpec, create_order

__all__ = ["LineSpec", "create_order"]
