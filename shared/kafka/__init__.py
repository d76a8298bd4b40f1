"""Kafka plumbing: an idempotent producer, a careful consumer loop, dead letters, topic set-up."""

# Every client's reconnection: kafka-python backs off reconnecting up to 30 s and waits 30 s for a first
# broker, so a broker back from a restart would go unnoticed for up to half a minute (the recovery after a
# broker's kill measured 17-39 s), and a producer made during an outage would hold its relay that long.
# Try again at least every second; give up bootstrapping after 5 s.
RECONNECT = dict(reconnect_backoff_max_ms=1000, bootstrap_timeout_ms=5000)
