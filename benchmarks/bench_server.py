"""Load benchmark of plans on a PostgreSQL server (a private server started for the run).

    .venv/bin/python -m benchmarks.bench_server [--clients 20] [--edits 200] [--tasks 1000] [--big 10000]

- 20 clients (separate processes, each with its own connections) make 200 edits each on one
  1,000-task plan over loopback, pausing a random 0-100 ms between edits (a fast typist): every
  edit is one service call (`update_task`, a text field of a task the client owns, so no edit is
  a same-field conflict). Counts lost and duplicated edits (the final values and the server's
  edit log), compares every client's final `planner dump`, and reports the edit round trip
  (p50/p95) and the refresh delay (commit in one client to the notification heard in another).
- Opening a 10,000-task plan: `read_plan` (what `planner dump` does) from the server vs from
  the `.plan` file, medians of 5, in the same run.
Prints a Markdown section for docs/benchmarks.md ("Plans on a server").
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import platform
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

FIELDS = ("notes", "acceptance", "risk_response")


def _client(k: int, url: str, n_clients: int, n_edits: int, task_ids: list[int], start, finished, out,
            pause: float = 0.1) -> None:
    from planner.dump import dump_json
    from planner.schedule.loader import fast_load_plan
    from planner.server.project import ServerProject
    from planner.services.tasks import update_task

    p = ServerProject.open(url)
    mine = [t for i, t in enumerate(task_ids) if i % n_clients == k]
    rnd = random.Random(k)
    heard: list[float] = []
    stop = threading.Event()

    def listen() -> None:  # the other window: as ServerLink does, it reads the notifications every 200 ms
        import json

        while not stop.is_set():
            time.sleep(0.2)
            while True:
                notes = list(p._listener.notifies(timeout=0, stop_after=1))
                if not notes:
                    break
                now = time.time()
                for note in notes:
                    data = json.loads(note.payload)
                    if data["client"] != p.client:
                        heard.append(now - data["t"])

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    start.wait()
    trips, last = [], {}
    cpu0, proc0 = time.thread_time(), time.process_time()
    for i in range(n_edits):
        time.sleep(rnd.uniform(0, pause))
        task, field = mine[i % len(mine)], FIELDS[i % len(FIELDS)]
        value = f"c{k}-e{i}"
        t0 = time.perf_counter()
        p.run(update_task, task, **{field: value})
        trips.append(time.perf_counter() - t0)
        last[(task, field)] = value
    cpu = (time.thread_time() - cpu0) / n_edits  # this client's own CPU per edit (not its listener's)
    proc_cpu = (time.process_time() - proc0) / n_edits  # with its listener's
    finished.wait()  # every client has made its edits
    time.sleep(1.5)  # and their last notifications have arrived
    stop.set()
    listener.join(5)
    dump = dump_json(fast_load_plan(p))
    p.close()
    out.put((k, trips, heard, last, dump, cpu, proc_cpu))


def load_test(url: str, n_clients: int, n_edits: int, pause: float = 0.1) -> dict:
    from sqlmodel import select

    from planner import model as m
    from planner.server.project import ServerProject

    import psycopg

    with ServerProject.open(url, listen=False) as p:
        task_ids = p.read(lambda s: [t.id for t in s.exec(select(m.Task).order_by(m.Task.id))])
        with psycopg.connect(p.url.dsn) as con:  # edits of earlier runs on this plan are not counted
            before = con.execute("SELECT coalesce(max(seq), 0) FROM planner.edit WHERE schema_name = %s",
                                 (p.schema,)).fetchone()[0]
    ctx = mp.get_context("fork")
    start, finished, out = ctx.Event(), ctx.Barrier(n_clients), ctx.Queue()
    procs = [ctx.Process(target=_client, args=(k, url, n_clients, n_edits, task_ids, start, finished, out, pause))
             for k in range(n_clients)]
    for proc in procs:
        proc.start()
    time.sleep(3)  # all connected
    floor: list[float] = []
    done = threading.Event()

    waits: dict[str, int] = {}

    def probe() -> None:  # the floor: a bare round trip to the same server while the load runs
        import psycopg

        with psycopg.connect(url.split("?")[0]) as con, psycopg.connect(url.split("?")[0], autocommit=True) as look:
            while not done.is_set():
                t = time.perf_counter()
                con.execute("SELECT 1").fetchone()
                floor.append(time.perf_counter() - t)
                # what the clients' server processes are doing: waiting for their client, working, or locked
                for kind, state in look.execute(
                        "SELECT coalesce(wait_event_type, 'CPU'), state FROM pg_stat_activity"
                        " WHERE application_name = 'Roadmap Planner' AND backend_type = 'client backend'"):
                    key = "waiting for the client" if kind == "Client" and state != "idle" else \
                        "idle" if state == "idle" else "working" if kind == "CPU" else f"waiting ({kind})"
                    waits[key] = waits.get(key, 0) + 1
                time.sleep(0.05)

    prober = threading.Thread(target=probe, daemon=True)
    prober.start()
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    start.set()
    results = [out.get(timeout=600) for _ in procs]
    done.set()
    prober.join(5)
    floor.sort()
    wall = time.perf_counter() - t0
    for proc in procs:
        proc.join()
    trips = sorted(t for r in results for t in r[1])
    heard = sorted(h for r in results for h in r[2])
    dumps = {r[4] for r in results}
    expected = {key: v for r in results for key, v in r[3].items()}
    with ServerProject.open(url, listen=False) as p:
        tasks = p.read(lambda s: {t.id: t for t in s.exec(select(m.Task))})

        with psycopg.connect(p.url.dsn) as con:
            edits = con.execute("SELECT count(*), count(DISTINCT edit_id) FROM planner.edit WHERE schema_name = %s"
                                " AND seq > %s", (p.schema, before)).fetchone()
    lost = sum(1 for (task, field), v in expected.items() if getattr(tasks[task], field) != v)
    return {
        "edits": len(trips), "logged": edits[0], "duplicated": edits[0] - edits[1], "lost": lost,
        "lost_log": n_clients * n_edits - edits[0],
        "dumps_equal": len(dumps) == 1, "p50": statistics.median(trips), "p95": trips[int(0.95 * (len(trips) - 1))],
        "max": trips[-1], "heard": len(heard), "heard_expected": n_clients * (n_clients - 1) * n_edits,
        "refresh_p50": statistics.median(heard) if heard else None,
        "refresh_p95": heard[int(0.95 * (len(heard) - 1))] if heard else None,
        "refresh_max": heard[-1] if heard else None, "wall": wall,
        "floor_p50": statistics.median(floor), "floor_p95": floor[int(0.95 * (len(floor) - 1))],
        "cpu": statistics.median(r[5] for r in results), "proc_cpu": statistics.median(r[6] for r in results),
        "waits": waits, "load_before": load_before, "load_after": os.getloadavg()[0],
    }


def open_test(file: Path, url: str, repeat: int) -> tuple[float, float]:
    from planner.cli.common import read_plan

    def med(source) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            read_plan(source)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    read_plan(file), read_plan(url)  # warm both
    return med(file), med(url)


def busy(waits: dict[str, int]) -> str:
    total = sum(v for k, v in waits.items() if k != "idle") or 1
    return ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in sorted(waits.items(), key=lambda kv: -kv[1])
                     if k != "idle")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--big", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pause", type=float, default=0.1, help="most seconds a client waits between edits (random)")
    args = ap.parse_args()
    os.environ.setdefault("PLANNER_DATA_DIR", tempfile.mkdtemp(prefix="bench-server-data-"))
    from benchmarks.generate import generate_plan
    from planner.server.private import PrivateServer
    from planner.server.project import publish

    folder = Path(tempfile.mkdtemp(prefix="bench-server-"))
    with PrivateServer() as srv:
        db = srv.create_database("plans")
        small = generate_plan(folder / "load.plan", args.tasks)
        url = publish(small, db, name="load").raw
        alone = load_test(url, 1, args.edits, args.pause)
        load = load_test(url, args.clients, args.edits, args.pause)
        from_file = from_server = float("nan")
        if args.big:
            big = generate_plan(folder / "big.plan", args.big)
            big_url = publish(big, db, name="big").raw
            from_file, from_server = open_test(big, big_url, args.repeat)
    load_avg = os.getloadavg()[0]
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"""## Plans on a server

Command: `.venv/bin/python -m benchmarks.bench_server` (a private PostgreSQL server on loopback,
started by the run; fsync off in that throw-away server).

Measured {when} on {platform.processor() or platform.machine()} ({os.cpu_count()} CPUs), Python {platform.python_version()}; load average {load_avg:.1f}.

| measure | result | budget |
|---|---|---|
| clients x edits on a {args.tasks}-task plan, 0-{args.pause * 1000:.0f} ms between a client's edits | {args.clients} x {args.edits} = {load['edits']} in {load['wall']:.1f} s | - |
| edits lost (final values) / missing from the server's log | {load['lost']} / {load['lost_log']} | 0 |
| edits applied twice | {load['duplicated']} | 0 |
| every client's final dump equal | {'yes' if load['dumps_equal'] else 'NO'} | yes |
| edit round trip p50 / p95 / max | {load['p50']*1000:.1f} / {load['p95']*1000:.1f} / {load['max']*1000:.1f} ms | p95 <= 50 ms |
| load average when the clients started / when they finished | {load['load_before']:.1f} / {load['load_after']:.1f} | - |
| client CPU per edit, median of the clients: the service call / with its listener | {load['cpu']*1000:.1f} / {load['proc_cpu']*1000:.1f} ms | - |
| the clients' server processes, sampled every 50 ms (busy ones) | {busy(load['waits'])} | - |
| p50 edit round trip / p50 floor | {load['p50']/load['floor_p50']:.0f}x | - |
| one client alone, {args.edits} edits: round trip p50 / p95 (CPU per edit) | {alone['p50']*1000:.1f} / {alone['p95']*1000:.1f} ms ({alone['cpu']*1000:.1f} ms) | p95 <= 50 ms |
| one client alone: floor `SELECT 1` p50 | {alone['floor_p50']*1000:.2f} ms | - |
| floor: `SELECT 1` round trip during the load, p50 / p95 | {load['floor_p50']*1000:.1f} / {load['floor_p95']*1000:.1f} ms | - |
| p95 edit round trip / p95 floor | {load['p95']/load['floor_p95']:.1f}x | - |
| refresh in the other windows p50 / p95 / max | {load['refresh_p50']*1000:.1f} / {load['refresh_p95']*1000:.1f} / {load['refresh_max']*1000:.1f} ms | <= 1 s |
| notifications heard / expected | {load['heard']} / {load['heard_expected']} | all |
| open a {args.big}-task plan: file / server (median of {args.repeat}) | {from_file*1000:.0f} / {from_server*1000:.0f} ms = {from_server/from_file:.2f}x | <= 2x |
""")


if __name__ == "__main__":
    main()
