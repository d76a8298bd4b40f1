"""The HTTP edge every service shares: problem+json, request ids, health, metrics, OpenAPI."""
