"""GET /metrics in the Prometheus text format: request counts and latencies, and what the worker's
consumer loops recorded (shared.kafka.status): failed attempts and dead letters per topic, records
failing now."""
from __future__ import annotations

import time
from collections import Counter as Tally

import pymongo
from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from pymongo.errors import PyMongoError

from shared.kafka.status import failing_entries

STORE_SECONDS = 0.3  # a scrape while the store is down answers at once, without the consumer figures


def init_app(app: Flask, service: str, consumers=None) -> None:
    """Request metrics, and the consumer figures when `consumers` (a ConsumerStatus) is given."""
    registry = CollectorRegistry()
    if consumers is not None:
        registry.register(ConsumerFigures(service, consumers))
    requests = Counter("kipp_http_requests", "HTTP requests", ["service", "method", "route", "status"],
                       registry=registry)
    latency = Histogram("kipp_http_request_seconds", "HTTP request latency", ["service", "route"],
                        registry=registry)
    app.extensions["metrics_registry"] = registry

    @app.before_request
    def start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def count(response):
        route = request.url_rule.rule if request.url_rule else "unmatched"
        requests.labels(service, request.method, route, str(response.status_code)).inc()
        if "started" in g:
            latency.labels(service, route).observe(time.perf_counter() - g.started)
        return response

    @app.get("/metrics")
    def metrics():
        return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


class ConsumerFigures:
    """A collector reading the consumer loops' figures from the store at each scrape (the loops run in
    the worker process; this is the web process). The counters are kept in the store, so they survive
    worker restarts as a Prometheus counter should."""

    def __init__(self, service: str, consumers):
        self.service = service
        self.consumers = consumers

    def collect(self):
        try:
            with pymongo.timeout(STORE_SECONDS):
                docs = self.consumers.topics()
        except PyMongoError:
            return  # /readyz says the store is down; the figures come back with it
        labels = ["service", "topic"]
        failures = CounterMetricFamily("kipp_consumer_handler_failures",
                                       "Failed attempts to handle a record; each is tried again, never dead-lettered",
                                       labels=labels)
        dead = CounterMetricFamily("kipp_consumer_dead_letters",
                                   "Records sent to <topic>.dlq: undecodable or breaking their contract", labels=labels)
        failing = GaugeMetricFamily("kipp_consumer_failing_events",
                                    "Records failing now, each holding up its partition", labels=labels)
        now_failing = Tally(entry["topic"] for entry in failing_entries(docs))
        for doc in docs:
            topic = [self.service, doc["_id"]]
            failures.add_metric(topic, doc.get("failures", 0))
            dead.add_metric(topic, doc.get("dead_letters", 0))
            failing.add_metric(topic, now_failing[doc["_id"]])
        yield from (failures, dead, failing)
