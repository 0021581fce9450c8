"""The trade API's views: each parses input, calls the page's service, answers; one module per flow."""
