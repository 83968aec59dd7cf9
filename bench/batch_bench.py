"""Benchmark: a batch of varied reports on a process pool, and one worker's memory over many renders.

    python bench/batch_bench.py [--reports 200] [--jobs 2] [--renders 1000]

- throughput: ``--reports`` varied reports (the two fixtures, each department renamed, the
  complete fixture with 1 to all of its performance projects and key-work lines; each through
  its region: the reference through ``sichuan-2020``, the complete fixture through ``sichuan``) rendered by a
  pool of ``--jobs`` worker processes, each report read from its file and written to a folder:
  reports a second (goal ≥ 20 on 2 cores) as measured, and as the workers' CPU time says they
  would go on cores of their own (on a shared machine the wall time measures the neighbours
  too); the same through ``docgen.render_many`` (its summary workbook included) where this
  docgen has it;
- CPU a report: one process rendering the same inputs (the ceiling of one core);
- memory: one process rendering ``--renders`` reports in a row; its resident set after every
  tenth of them and at its peak (goal ≤ 300 MB, flat: no growth between the second and last tenth).

Uses only ``docgen.render`` for the pool and the memory run, so an older docgen can be measured too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import docgen

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ((ROOT / "fixtures" / "lizhou-xunchaban-2020.json", "sichuan-2020"),
            (ROOT / "fixtures" / "complete-department-2024.json", "sichuan"))
"""Each fixture with the region it is a report of."""


def varied_inputs(folder: Path, count: int) -> list[tuple[Path, str]]:
    """``count`` report inputs that differ in name and size, each with its region (in a folder
    named after the region)."""
    bases = [json.loads(f.read_text(encoding="utf-8")) for f, _ in FIXTURES]
    paths = []
    for _, region in FIXTURES:
        (folder / region).mkdir()
    for i in range(count):
        data = json.loads(json.dumps(bases[i % 2]))
        department = data["department"]
        department["name"] = f"{department['name']}（第{i}号）"
        if i % 2:
            projects = data["performance"]["projects"]
            data["performance"]["projects"] = projects[: 1 + i % len(projects)]
            work = data["overview"]["key_work"]
            data["overview"]["key_work"] = work[: 1 + i % len(work)]
        region = FIXTURES[i % 2][1]
        path = folder / region / f"dept-{i:04d}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append((path, region))
    return paths


def _render(job: tuple[Path, Path, str]) -> None:
    docgen.render(job[0], job[1], region=job[2], force=True)  # the reference as published has errors


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def throughput(inputs: list[tuple[Path, str]], out: Path, jobs: int) -> tuple[float, float]:
    """Reports a second as measured, and as ``jobs`` cores of our own would give: reports per
    CPU second of the workers (start, pickling and all) times ``jobs``."""
    jobs_list = [(p, out / (p.stem + ".docx"), region) for p, region in inputs]
    cpu = _children_cpu()
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_render, jobs_list, chunksize=4))
    wall = time.perf_counter() - start
    return len(inputs) / wall, len(inputs) * jobs / (_children_cpu() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--renders", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        inputs = varied_inputs(folder, args.reports)
        (folder / "out").mkdir()
        for path, region in inputs[:2]:  # warm the parent: imports, the packs, the compiled templates
            _render((path, folder / "out" / "warm.docx", region))
        rate, own = throughput(inputs, folder / "out", args.jobs)
        print(f"batch of {args.reports} varied reports, {args.jobs} workers: {rate:.1f} reports/s measured, "
              f"{own:.1f} reports/s on {args.jobs} cores of its own (workers' CPU time; goal >= 20)")
        if hasattr(docgen, "render_many") or "render_many" in getattr(docgen, "__all__", ()):
            start = time.perf_counter()
            done = failed = 0
            for _, region in FIXTURES:  # one batch a region, as a bureau runs them
                result = docgen.render_many([folder / region], folder / "many" / region, region=region, force=True,
                                            jobs=args.jobs, resume=False)
                done, failed = done + len(result.outcomes), failed + len(result.failed)
            seconds = time.perf_counter() - start
            print(f"docgen.render_many, same inputs: {done / seconds:.1f} reports/s ({failed} failed)")
        sample = inputs[:20]
        start = time.process_time()
        for path, region in sample:
            _render((path, folder / "out" / "cpu.docx", region))
        cpu = (time.process_time() - start) / len(sample)
        print(f"CPU a report, one process: {cpu * 1000:.0f} ms (ceiling {1 / cpu:.1f} reports/s a core)")
        marks = []
        tenth = max(args.renders // 10, 1)
        for n in range(args.renders):
            path, region = inputs[n % len(inputs)]
            _render((path, folder / "out" / "rss.docx", region))
            if (n + 1) % tenth == 0:
                marks.append(_rss_mib())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        growth = (marks[-1] - marks[1]) / (tenth * (len(marks) - 2)) if len(marks) > 2 else float("nan")
        print(f"one process, {args.renders} renders: RSS by tenths {' '.join(f'{m:.0f}' for m in marks)} MiB; "
              f"peak {peak:.0f} MiB (goal <= 300); growth after the first tenth {growth * 1024:.1f} KiB a render")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
