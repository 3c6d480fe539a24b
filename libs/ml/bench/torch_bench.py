#!/usr/bin/env python3
"""PyTorch counterpart of `npm run bench:train`: the same three models, batch sizes and
optimizer, trained on the same first N MNIST images; prints one JSON line per model.

Usage: torch_bench.py DATA_DIR N_IMAGES [MODEL [THREADS]]  (reads the IDX .gz files in DATA_DIR;
THREADS 0 = torch's default)

Besides wall-clock img/s it reports img per CPU-second of this process (all threads), which
stays comparable when other jobs share the cores.
"""
import gzip
import json
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


def main():
    data_dir, n = sys.argv[1], int(sys.argv[2])
    only = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "all" else None
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    if threads > 0:
        torch.set_num_threads(threads)
    images = read_idx(f"{data_dir}/train-images-idx3-ubyte.gz", 16)[: n * 784]
    labels = read_idx(f"{data_dir}/train-labels-idx1-ubyte.gz", 8)[:n]
    x = torch.from_numpy(images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    y = torch.from_numpy(labels.astype(np.int64))
    torch.manual_seed(42)
    for name, filters, hidden, cd, dd, lr, batch in RUNS:
        if only is not None and name != only:
            continue
        model = build(filters, hidden, cd, dd)
        opt = torch.optim.Adam(model.parameters(), lr=lr, eps=1e-7)
        loss_fn = nn.CrossEntropyLoss()

        def epoch(count):
            model.train()
            perm = torch.randperm(count)
            for s in range(0, count, batch):
                idx = perm[s : s + batch]
                opt.zero_grad()
                loss = loss_fn(model(x[idx]), y[idx])
                loss.backward()
                opt.step()

        epoch(min(n, 512))  # warm-up
        t0 = time.perf_counter()
        c0 = time.process_time()
        epoch(n)
        seconds = time.perf_counter() - t0
        cpu_seconds = time.process_time() - c0
        model.eval()
        latency = {}
        with torch.no_grad():
            for b, reps in ((1, 50), (32, 20)):
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
            "threads": torch.get_num_threads(),
            "torch": torch.__version__,
        }), flush=True)


if __name__ == "__main__":
    main()
