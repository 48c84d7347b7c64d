"""PyTorch eager on the same GPU, same models, batch sizes, optimizer and loss-read cadence as the
Node benchmark (bench/workloads.ts, bench/plan.ts `full`): the reference for "fraction of PyTorch".

Run on the GPU server: python3 bench/pytorch_reference.py --out results-pytorch.json
"""
import argparse
import json
import time

import torch
from torch import nn

p = argparse.ArgumentParser()
p.add_argument("--out", default="bench/out/results-pytorch.json")
p.add_argument("--rounds", type=int, default=5)
args = p.parse_args()

dev = torch.device("cuda")
torch.manual_seed(0)


def mlp():
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))


def cnn():
    # tfjs's conv2d defaults to 'valid' padding: 28 → 26 → 13 → 11 → 5, as in bench/workloads.ts.
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def run(make, shape, bs, steps, read_every=16):
    model = make().to(dev)
    # fastai's Adam defaults (mom 0.9, sqr_mom 0.99, eps 1e-5, decoupled wd 0.01), as the Learner's.
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01)
    batches = [(torch.rand(bs, *shape, device=dev), torch.randint(0, 10, (bs,), device=dev)) for _ in range(8)]
    loss_fn = nn.CrossEntropyLoss()

    def train(n):
        pending = []
        for i in range(n):
            x, y = batches[i % len(batches)]
            loss = loss_fn(model(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            pending.append(loss.detach())
            if len(pending) >= read_every:
                torch.stack(pending).cpu()  # one read per 16 batches, as the Learner's Recorder
                pending = []
        if pending:
            torch.stack(pending).cpu()
        torch.cuda.synchronize()

    train(10)  # warm-up (cuDNN autotune, allocator)
    rates = []
    for _ in range(args.rounds):
        t = time.perf_counter()
        train(steps)
        rates.append(steps * bs / (time.perf_counter() - t))
    rates.sort()
    return {"samplesPerSec": rates[len(rates) // 2], "rounds": rates, "batchSize": bs, "steps": steps}


out = {
    "device": torch.cuda.get_device_name(0),
    "torch": torch.__version__,
    "mlp": run(mlp, (784,), 256, 200),
    "cnn": run(cnn, (1, 28, 28), 128, 100),
}
print(json.dumps(out, indent=2))
with open(args.out, "w") as f:
    json.dump(out, f, indent=2)
