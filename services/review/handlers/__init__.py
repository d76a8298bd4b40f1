"""review's commands (HTTP) and event handlers (Kafka): one function each, called by thin entrypoints."""
