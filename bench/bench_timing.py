"""Best-of-N timing and the JSON line that the Python side of a bench/ workload prints (and writes
to --out) for bench/report.py. Imported by the scripts next to it."""
import json
import time


def best_of(repetitions, run, cpu_seconds=time.process_time):
    """Runs run() `repetitions` times; returns (best wall s, best CPU s, what the fastest run returned).
    The best wall and the best CPU time may come from different runs, as Google Benchmark's minima."""
    best_wall = best_cpu = float("inf")
    fastest = None
    for _ in range(repetitions):
        wall0, cpu0 = time.perf_counter(), cpu_seconds()
        value = run()
        wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
        if wall < best_wall:
            fastest = value
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu, fastest


def emit(result, out_path=None):
    """Prints `result` as one JSON line, and writes the same line to `out_path` when given."""
    text = json.dumps(result)
    print(text)
    if out_path:
        with open(out_path, "w") as out:
            out.write(text + "\n")
