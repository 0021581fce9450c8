"""The trade API's representations, one module per flow; explicit fields only."""
