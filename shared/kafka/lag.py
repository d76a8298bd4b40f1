"""Consumer lag of a group, for /readyz."""
from __future__ import annotations

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition


def consumer_lag(bootstrap_servers: str, group: str, topics: list[str]) -> int:
    """Records on `topics` that `group` has not committed yet."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers.split(","), client_id=group + "-lag",
                             request_timeout_ms=3000)
    consumer = KafkaConsumer(bootstrap_servers=bootstrap_servers.split(","), request_timeout_ms=3000,
                             enable_auto_commit=False)
    try:
        committed = admin.list_group_offsets(group).get(group, {})
        partitions = [TopicPartition(t, p) for t in topics for p in (consumer.partitions_for_topic(t) or ())]
        ends = consumer.end_offsets(partitions)
        return sum(max(ends[tp] - (committed[tp].offset if tp in committed else 0), 0) for tp in partitions)
    finally:
        consumer.close()
        admin.close()
