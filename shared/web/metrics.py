"""GET /metrics in the Prometheus text format, with request counts and latencies."""
from __future__ import annotations

import time

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest


def init_app(app: Flask, service: str) -> None:
    registry = CollectorRegistry()
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
