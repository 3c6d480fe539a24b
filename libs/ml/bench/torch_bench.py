#!/usr/bin/env python3
"""PyTorch counterpart of `npm run bench:train`: the same three models, batch sizes and
optimizer, trained on the same first N MNIST images; prints one JSON line per model.

Usage:
  torch_bench.py DATA_DIR N_IMAGES [MODEL [THREADS]]   throughput (THREADS 0 = torch's default)
  torch_bench.py --documented DATA_DIR [THREADS]       the three documented runs end to end:
      full data, 5 epochs, the last 10 % of the training set held out for validation (Keras
      validation_split), test accuracy on the 10,000 test images; one JSON line per run and a
      final line with the total wall time.

Besides wall-clock img/s it reports img per CPU-second of this process (all threads), which
stays comparable when other jobs share the cores, the peak resident set size, and which BLAS
library torch actually loaded (read from /proc/self/maps after a matrix product): Debian's
python3-torch links the generic libblas.so.3, so the answer depends on which alternative is
installed (libopenblas0-pthread: OpenBLAS; otherwise the netlib reference BLAS, about 4x slower
on these models, which makes a comparison meaningless).
"""
import gzip
import json
import resource
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

RUNS = [
    ("run_1_baseline", 32, 0, 0.0, 0.0, 0.001, 128),
    ("run_2_enhanced", 64, 128, 0.25, 0.5, 0.001, 128),
    ("run_3_optimized", 64, 128, 0.25, 0.5, 0.0005, 64),
]


def read_idx(path, header):
    with gzip.open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=header)


def blas_in_use():
    """(path, kind) of the BLAS shared library mapped into this process."""
    a = torch.randn(64, 64)
    (a @ a).sum().item()
    paths = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and ("blas" in parts[5].lower() or "mkl" in parts[5].lower()):
                paths.add(parts[5])
    joined = " ".join(sorted(paths))
    if "openblas" in joined:
        kind = "openblas"
    elif "mkl" in joined:
        kind = "mkl"
    elif "blis" in joined:
        kind = "blis"
    elif "libblas" in joined:
        kind = "reference"
    else:
        kind = "unknown"
    return joined, kind


def build(filters, hidden, conv_dropout, dense_dropout):
    layers = [nn.Conv2d(1, filters, 3), nn.ReLU(), nn.MaxPool2d(2)]
    if conv_dropout > 0:
        layers.append(nn.Dropout(conv_dropout))
    layers.append(nn.Flatten())
    features = filters * 13 * 13
    if hidden > 0:
        layers += [nn.Linear(features, hidden), nn.ReLU()]
        if dense_dropout > 0:
            layers.append(nn.Dropout(dense_dropout))
        features = hidden
    layers.append(nn.Linear(features, 10))  # softmax folded into the loss
    return nn.Sequential(*layers)


def load(data_dir, split, n=None):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(f"{data_dir}/{prefix}-images-idx3-ubyte.gz", 16)
    labels = read_idx(f"{data_dir}/{prefix}-labels-idx1-ubyte.gz", 8)
    if n is not None:
        images, labels = images[: n * 784], labels[:n]
    x = torch.from_numpy(images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def train_epoch(model, opt, loss_fn, x, y, batch):
    model.train()
    perm = torch.randperm(len(y))
    for s in range(0, len(y), batch):
        idx = perm[s : s + batch]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()


def evaluate(model, x, y):
    model.eval()
    loss_fn = nn.CrossEntropyLoss(reduction="sum")
    correct, total_loss = 0, 0.0
    with torch.no_grad():
        for s in range(0, len(y), 1000):
            out = model(x[s : s + 1000])
            total_loss += loss_fn(out, y[s : s + 1000]).item()
            correct += (out.argmax(1) == y[s : s + 1000]).sum().item()
    return correct / len(y), total_loss / len(y)


def env_line(threads):
    blas, kind = blas_in_use()
    return {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas, "blasKind": kind}


def throughput(data_dir, n, only, threads):
    x, y = load(data_dir, "train", n)
    torch.manual_seed(42)
    info = env_line(threads)
    for name, filters, hidden, cd, dd, lr, batch in RUNS:
        if only is not None and name != only:
            continue
        model = build(filters, hidden, cd, dd)
        opt = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
        loss_fn = nn.CrossEntropyLoss()
        train_epoch(model, opt, loss_fn, x[:512], y[:512], batch)  # warm-up
        t0 = time.perf_counter()
        c0 = time.process_time()
        train_epoch(model, opt, loss_fn, x, y, batch)
        seconds = time.perf_counter() - t0
        cpu_seconds = time.process_time() - c0
        model.eval()
        latency = {}
        with torch.no_grad():
            for b, reps in ((1, 200), (32, 50)):
                xb = x[:b]
                model(xb)
                times = []
                for _ in range(reps):
                    t = time.perf_counter()
                    model(xb)
                    times.append((time.perf_counter() - t) * 1000)
                latency[b] = statistics.median(times)
        print(json.dumps({
            "model": name,
            "trainImgPerSec": n / seconds,
            "trainImgPerCpuSec": n / cpu_seconds,
            "inferB1Ms": latency[1],
            "inferB32Ms": latency[32],
            "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            **info,
        }), flush=True)


def documented(data_dir, threads):
    x, y = load(data_dir, "train")
    xt, yt = load(data_dir, "test")
    split = int(len(y) * 0.9)
    info = env_line(threads)
    started = time.perf_counter()
    for name, filters, hidden, cd, dd, lr, batch in RUNS:
        torch.manual_seed(42)
        t0 = time.perf_counter()
        model = build(filters, hidden, cd, dd)
        opt = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
        loss_fn = nn.CrossEntropyLoss()
        for _ in range(5):
            train_epoch(model, opt, loss_fn, x[:split], y[:split], batch)
            evaluate(model, x[split:], y[split:])  # validation each epoch, as Keras does
        acc, loss = evaluate(model, xt, yt)
        print(json.dumps({"run": name, "test_accuracy": acc, "test_loss": loss, "seconds": time.perf_counter() - t0, **info}), flush=True)
    print(json.dumps({"documentedRunsSeconds": time.perf_counter() - started, **info}), flush=True)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--documented":
        threads = int(args[2]) if len(args) > 2 else 0
        if threads > 0:
            torch.set_num_threads(threads)
        documented(args[1], threads)
        return
    data_dir, n = args[0], int(args[1])
    only = args[2] if len(args) > 2 and args[2] != "all" else None
    threads = int(args[3]) if len(args) > 3 else 0
    if threads > 0:
        torch.set_num_threads(threads)
    throughput(data_dir, n, only, threads)


if __name__ == "__main__":
    main()
