"""Kafka plumbing: an idempotent producer, a careful consumer loop, dead letters, topic set-up."""
