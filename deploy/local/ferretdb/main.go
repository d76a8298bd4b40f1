// Command ferretdb runs FerretDB 1.24 (MongoDB wire protocol) on PostgreSQL for the local
// stack (deploy/local/infra).
//
// It is our own main module on purpose: `go install .../cmd/ferretdb@v1.24.2` builds a
// binary that panics at start because, when FerretDB itself is the main module,
// build/version requires a generated version.txt the module archive lacks.
//
// Clients connect to a small proxy (proxy.go) in front of FerretDB, which listens on an
// ephemeral loopback port behind it. The proxy does three things FerretDB does not:
//   - it makes each single-document write atomic (locks.go): FerretDB runs update,
//     findAndModify and delete as "query, then write" without a lock;
//   - it bounds the commands in flight below FerretDB's connection pool, so the pool can
//     never be exhausted by commands that each hold one connection and wait for another;
//   - it mirrors every index FerretDB records into a GIN expression index that
//     PostgreSQL can actually use for FerretDB's filters (mirror.go).
//
// FerretDB is built from its module with patches/*.patch applied (deploy/local/infra):
// one closes each update statement's query before the next, without which a bulk write
// of more statements than the pool holds froze the store for good.
//
// Flags (each falls back to an environment variable, then a default):
//
//	-listen-addr     KIPP_FERRETDB_LISTEN_ADDR     127.0.0.1:27017
//	-postgresql-url  KIPP_FERRETDB_POSTGRESQL_URL  postgres://ferretdb@127.0.0.1:5433/ferretdb
//	-pool-size       KIPP_FERRETDB_POOL_SIZE       150 (FerretDB's pool_max_conns)
//	-max-in-flight   KIPP_FERRETDB_MAX_IN_FLIGHT   24 (commands forwarded at once)
//	-log-level       KIPP_FERRETDB_LOG_LEVEL       warn (debug, info, warn, error)
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func main() {
	addr := flag.String("listen-addr", env("KIPP_FERRETDB_LISTEN_ADDR", "127.0.0.1:27017"), "TCP listen address")
	pgURL := flag.String("postgresql-url", env("KIPP_FERRETDB_POSTGRESQL_URL", "postgres://ferretdb@127.0.0.1:5433/ferretdb"),
		"PostgreSQL URL")
	poolSize := flag.Int("pool-size", envInt("KIPP_FERRETDB_POOL_SIZE", 150), "FerretDB's PostgreSQL pool size")
	inFlight := flag.Int("max-in-flight", envInt("KIPP_FERRETDB_MAX_IN_FLIGHT", 24), "commands forwarded to FerretDB at once")
	level := flag.String("log-level", env("KIPP_FERRETDB_LOG_LEVEL", "warn"), "log level: debug, info, warn, error")
	flag.Parse()

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fail("bad -log-level %q: %v", *level, err)
	}
	// Each command holds at most two pooled connections at once (measured: an update holds
	// one while it waits for a second), so the pool must exceed twice the commands in flight.
	if *poolSize < 2**inFlight+4 {
		fail("-pool-size %d must be at least 2 × -max-in-flight + 4 (%d)", *poolSize, 2**inFlight+4)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	ferretURL, err := withPoolSize(*pgURL, *poolSize)
	if err != nil {
		fail("bad -postgresql-url: %v", err)
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: ferretURL,
	})
	if err != nil {
		fail("%v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	mirror, err := newMirror(ctx, *pgURL)
	if err != nil {
		fail("index mirror: %v", err)
	}
	defer mirror.Close()
	go mirror.SyncAll(ctx)

	// New has already bound its listener, so the backend address is known here.
	backendURL, err := url.Parse(f.MongoDBURI())
	if err != nil {
		fail("%v", err)
	}
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		fail("listen %s: %v", *addr, err)
	}
	p := &proxy{backend: backendURL.Host, locks: newLockTable(), slots: make(chan struct{}, *inFlight), mirror: mirror,
		seen: map[string]bool{}}
	go p.serve(listener)
	go func() { <-ctx.Done(); listener.Close() }()
	fmt.Fprintf(os.Stderr, "ferretdb: listening on %s, FerretDB behind it on %s (postgresql, pool %d, %d in flight)\n",
		*addr, backendURL.Host, *poolSize, *inFlight)

	if err := f.Run(ctx); err != nil {
		fail("%v", err)
	}
	fmt.Fprintln(os.Stderr, "ferretdb: stopped")
}

// withPoolSize sets FerretDB's pool size in the URL (FerretDB reads pool_max_conns from it)
// and lets idle connections go after a minute (FerretDB sets that only when the URL names it).
func withPoolSize(raw string, size int) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("pool_max_conns", strconv.Itoa(size))
	q.Set("pool_max_conn_idle_time", "1m")
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
