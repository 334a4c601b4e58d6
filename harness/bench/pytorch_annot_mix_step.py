#!/usr/bin/env python3
"""One annot-mix training step written the way a researcher would in plain PyTorch, timed.

The same model, batch and update as annotbench's AnnotMixStep (harness/bench/annot_mix_step.cpp,
methods/end_to_end/annot_mix.cpp): GT MLP D -> 256 -> BN -> ReLU -> 128 -> BN -> ReLU -> C; AP on the one-hot
annotator and the detached GT embedding, concatenated, Dropout 0.5, Linear 2E -> E, BN, ReLU,
Linear E -> C*C with the eta-diagonal bias; mixup of the L labelled (x, a, onehot(z)) triples with
one Beta(alpha, alpha) weight per pair and one permutation; the annot-mix loss; torch.optim.RAdam.
`annotbench bench --pytorch` runs it and compares; it prints one JSON line:
  {"ms_per_step": ..., "steps": ..., "threads": ..., "parameters": ..., "torch": ..., "blas": [...]}
"""
import argparse
import json
import math
import os
import time

import torch
from torch import nn


class GroundTruthModel(nn.Module):
    def __init__(self, num_features, num_classes, hidden=(256, 128)):
        super().__init__()
        layers, width = [], num_features
        for size in hidden:
            # Dropout(0.0) as in annotbench's GT model (the reference's tabnet has the layer).
            layers += [nn.Linear(width, size), nn.BatchNorm1d(size), nn.ReLU(), nn.Dropout(0.0)]
            width = size
        self.embed_x = nn.Sequential(*layers)
        self.output = nn.Linear(width, num_classes)
        self.embedding_size = width


class AnnotMixNetwork(nn.Module):
    def __init__(self, num_features, num_classes, num_annotators, embed_size=128, eta=0.9):
        super().__init__()
        self.num_classes = num_classes
        self.gt = GroundTruthModel(num_features, num_classes)
        self.ap_embed_a = nn.Linear(num_annotators, embed_size)
        self.ap_embed_x = nn.Linear(self.gt.embedding_size, embed_size)
        self.ap_hidden = nn.Sequential(nn.Dropout(0.5), nn.Linear(2 * embed_size, embed_size),
                                       nn.BatchNorm1d(embed_size), nn.ReLU())
        self.ap_output = nn.Linear(embed_size, num_classes * num_classes)
        # Each annotator starts out correct with probability eta.
        with torch.no_grad():
            self.ap_output.bias.copy_(
                torch.eye(num_classes).flatten() * math.log(eta * (num_classes - 1) / (1 - eta)))

    def forward(self, x, a):
        h = self.gt.embed_x(x)
        embedding = torch.cat([self.ap_embed_x(h.detach()), self.ap_embed_a(a)], dim=-1)
        confusion_logits = self.ap_output(self.ap_hidden(embedding)).view(-1, self.num_classes, self.num_classes)
        return self.gt.output(h), confusion_logits


def annot_mix_loss(network, x, z, annotators, num_classes, alpha):
    instance, annotator = (z != -1).nonzero(as_tuple=True)
    labels = z[instance, annotator]
    count = labels.shape[0]
    lam = torch.distributions.Beta(alpha, alpha).sample((count,))
    permutation = torch.randperm(count)

    def mix(values):
        weight = lam.view(-1, *([1] * (values.dim() - 1)))
        return weight * values + (1 - weight) * values[permutation]

    targets = mix(nn.functional.one_hot(labels, num_classes).float())
    class_logits, confusion_logits = network(mix(x[instance]), mix(annotators[annotator]))
    log_probs = torch.logsumexp(torch.log_softmax(class_logits, -1).unsqueeze(-1)
                                + torch.log_softmax(confusion_logits, -1), dim=1)
    labelled = (targets.sum(-1) != 0).sum().float()
    return -(targets * log_probs).sum() / labelled


def blas_libraries():
    prefixes = ("libblas", "libopenblas", "libmkl", "libblis", "libatlas", "libcblas")
    found = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line[line.find("/"):].strip() if "/" in line else ""
            if os.path.basename(path).startswith(prefixes) and path not in found:
                found.append(path)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--annotators", type=int, default=20)
    parser.add_argument("--labels-per-instance", type=int, default=3)
    parser.add_argument("--features", type=int, default=16)
    parser.add_argument("--classes", type=int, default=26)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    network = AnnotMixNetwork(args.features, args.classes, args.annotators)
    network.train()
    optimizer = torch.optim.RAdam(network.parameters(), lr=1e-2)
    x = torch.randn(args.batch_size, args.features)
    z = torch.full((args.batch_size, args.annotators), -1, dtype=torch.long)
    for n in range(args.batch_size):
        chosen = torch.randperm(args.annotators)[:args.labels_per_instance]
        z[n, chosen] = torch.randint(args.classes, (args.labels_per_instance,))
    annotators = torch.eye(args.annotators)

    def step():
        optimizer.zero_grad()
        loss = annot_mix_loss(network, x, z, annotators, args.classes, 1.0)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(args.warm_up):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    seconds = time.perf_counter() - start
    print(json.dumps({"ms_per_step": 1e3 * seconds / args.steps, "steps": args.steps,
                      "threads": torch.get_num_threads(),
                      "parameters": sum(p.numel() for p in network.parameters() if p.requires_grad),
                      "torch": torch.__version__,
                      "blas": blas_libraries()}))


if __name__ == "__main__":
    main()
