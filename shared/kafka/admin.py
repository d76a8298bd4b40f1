"""Create the platform's topics for a namespace (DESIGN §2, §3)."""
from __future__ import annotations

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

from shared.events.types import TOPICS

PARTITIONS = {"competitions": 1, "entries": 6, "reviews": 6, "notifications": 3, "accounts": 3}


def topic_specs(namespace: str) -> list[NewTopic]:
    """Every topic of the namespace, with its dead-letter twin."""
    specs = []
    for name in TOPICS:
        config = {"cleanup.policy": "compact"} if name == "competitions" else {}
        specs.append(NewTopic(f"{namespace}.{name}", PARTITIONS[name], 1, topic_configs=config))
        specs.append(NewTopic(f"{namespace}.{name}.dlq", 1, 1))
    return specs


def ensure_topics(bootstrap_servers: str, namespace: str) -> list[str]:
    """Create the namespace's topics that do not exist yet; returns the names created."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers.split(","), client_id="kipp-admin")
    try:
        existing = set(admin.list_topics())
        missing = [spec for spec in topic_specs(namespace) if spec.name not in existing]
        for spec in missing:
            try:
                admin.create_topics([spec])
            except TopicAlreadyExistsError:
                pass
        return [spec.name for spec in missing]
    finally:
        admin.close()
