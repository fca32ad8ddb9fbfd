"""The BENCHMARKS.md workloads on PyTorch, for `npm run bench` (bench/peers/pytorch.ts spawns this).

usage: pytorch_workloads.py THREADS[,THREADS...] WARMUP REPS MIN_SECONDS BUDGET_SECONDS KEY[,KEY...]

Keys are those of bench/spec.ts; every key runs with torch.set_num_threads(n) for each n given.
Progress goes to stderr; the last stdout line is one JSON object {"rows": [...], "notes": [...]} with rows
{key, library, backend, threads, metric, value}, as bench/harness.ts's LibraryResult.
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

METRICS = {"W1": "GFLOP/s", "W5": "tokens/s", "W6": "images/s"}


def metric_of(key):
    return METRICS.get(key.split("-")[0], "samples/s")


def training_step(net, opt, x, y, loss_fn=F.cross_entropy):
    def run():
        loss = loss_fn(net(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
    return x.shape[0], run


def inference(net, x):
    net.eval()

    def run():
        with torch.no_grad():
            net(x)
    return x.shape[0], run


def w1(n):
    a, b = torch.randn(n, n), torch.randn(n, n)
    return 2 * n ** 3 / 1e9, lambda: torch.mm(a, b)


def w2():
    net = nn.Sequential(nn.Linear(3072, 1500), nn.Tanh(), nn.Linear(1500, 10), nn.LogSoftmax(dim=1))
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    return training_step(net, opt, torch.randn(64, 3072), torch.randint(0, 10, (64,)), F.nll_loss)


def w2m():
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    return training_step(net, opt, torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,)))


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def w3():
    net = lenet5()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    return training_step(net, opt, torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,)))


def w3i(batch):
    return inference(lenet5(), torch.randn(batch, 1, 28, 28))


def w4():
    # Caffe's ceil-mode pools: the maps go 32 -> 16 -> 8 -> 4.
    net = nn.Sequential(
        nn.Conv2d(3, 32, 5, padding=2), nn.MaxPool2d(3, 2, ceil_mode=True), nn.ReLU(),
        nn.Conv2d(32, 32, 5, padding=2), nn.ReLU(), nn.AvgPool2d(3, 2, ceil_mode=True),
        nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.AvgPool2d(3, 2, ceil_mode=True),
        nn.Flatten(), nn.Linear(64 * 4 * 4, 64), nn.Linear(64, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
    return training_step(net, opt, torch.randn(64, 3, 32, 32), torch.randint(0, 10, (64,)))


class CharLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(65, 128)
        self.lstm = nn.LSTM(128, 256, batch_first=True)
        self.out = nn.Linear(256, 65)

    def forward(self, x):
        h, _ = self.lstm(self.embed(x))
        return self.out(h)


def w5():
    model = CharLSTM()
    opt = torch.optim.Adam(model.parameters(), lr=0.002)
    x, y = torch.randint(0, 65, (32, 64)), torch.randint(0, 65, (32, 64))

    def run():
        loss = F.cross_entropy(model(x).reshape(-1, 65), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5)
        opt.step()
        loss.item()
    return 32 * 64, run


def vgg11():
    layers, channels = [], 3
    for v in [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(channels, v, 3, padding=1), nn.ReLU()]
            channels = v
    layers += [nn.Flatten(), nn.Linear(512 * 7 * 7, 4096), nn.ReLU(), nn.Linear(4096, 4096), nn.ReLU(), nn.Linear(4096, 1000)]
    return nn.Sequential(*layers)


def make(key):
    builders = {
        "W1-256": lambda: w1(256), "W1-1024": lambda: w1(1024), "W2": w2, "W2m": w2m, "W3": w3,
        "W3i": lambda: w3i(256), "W3i-1": lambda: w3i(1),
        "W4": w4, "W5": w5, "W6-1": lambda: inference(vgg11(), torch.randn(1, 3, 224, 224)),
        "W6-8": lambda: inference(vgg11(), torch.randn(8, 3, 224, 224)),
    }
    return builders[key]()


def measure(run, warmup, reps, min_seconds, budget):
    """Median seconds of the timed calls (at least reps, and at least min_seconds of them) after
    warm-ups (likewise), or None with the reason when the estimate exceeds the budget: harness.ts's
    measure(), so that every library is timed alike."""
    def once():
        t0 = time.perf_counter()
        run()
        return time.perf_counter() - t0

    first = once()
    if first * (warmup + reps - 1) > budget:
        return None, f"one repetition took {first:.1f} s (budget {budget} s)"
    calls, warm = 1, first
    while calls < warmup or warm < min_seconds:
        warm += once()
        calls += 1
    times = []
    while len(times) < reps or sum(times) < min_seconds:
        times.append(once())
    return statistics.median(times), None


def main():
    thread_counts = [int(n) for n in sys.argv[1].split(",")]
    warmup, reps, min_seconds, budget = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    keys = sys.argv[6].split(",")
    rows, notes = [], []
    notes.append(f"pytorch {torch.__version__}, BLAS: {blas_name()}")
    for n in thread_counts:
        torch.set_num_threads(n)
        torch.manual_seed(0)
        for key in keys:
            units, run = make(key)
            seconds, skipped = measure(run, warmup, reps, min_seconds, budget)
            if skipped:
                notes.append(f"pytorch/cpu {n}t {key} skipped: {skipped}")
                continue
            value = units / seconds
            rows.append({"key": key, "library": "pytorch", "backend": "cpu", "threads": n, "metric": metric_of(key), "value": value})
            print(f"  pytorch/cpu ({n}t) {key}: {value:.4g} {metric_of(key)}", file=sys.stderr, flush=True)
    print(json.dumps({"rows": rows, "notes": notes}))


def blas_name():
    """Which BLAS torch.mm reaches: Debian's torch links libblas.so.3, which the alternatives system points at."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line}
        return ", ".join(sorted(libs)) or "unknown"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
