"""Reading a Kafka record with the PyPI `cloudevents` SDK, as an outside consumer would."""
from cloudevents.core.bindings import kafka as ce_kafka


def sdk_event(record):
    """The record as the SDK's CloudEvent (raises if the SDK cannot read it)."""
    headers = {name: value for name, value in (record.headers or [])}
    return ce_kafka.from_kafka_event(ce_kafka.KafkaMessage(headers=headers, key=record.key, value=record.value))
