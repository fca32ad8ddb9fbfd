"""The cross-check of README's "End-to-end memory networks on bAbI": an end-to-end memory network
written in PyTorch independently of Strata's (Sukhbaatar et al. 2015: position encoding, temporal
encoding, adjacent tying, 3 hops, d = 20), trained with the paper's recipe (SGD at 0.01 on the
loss summed over minibatches of 32, halved every 25 epochs, 100 epochs, gradients clipped to 40,
a tenth of the training questions held out, the epoch best on them tested) on bAbI files.

    node scripts/babi-files.mjs /tmp/babi          # the generated tasks as qaN_train.txt, qaN_test.txt
    /usr/bin/python3 scripts/memn2n_reference.py 6 --dir /tmp/babi --sink --gap

By default an empty memory slot is left out of the softmax and random noise inserts empty memories
that hold a temporal vector, as Strata's MemN2N did before; --sink lets the empty slots take part
with score 0 (the authors' Matlab code: unused slots hold the nil word), --gap makes random noise
gaps in the time indices (their code), --pe matlab their position weights, --ls linear start until
the validation loss stops falling, --matlab-ls their schedule (20 linear epochs at 0.005, then 100
at 0.005 halved every 25).
"""
import argparse
import math
import random
import re
import time

import torch
import torch.nn.functional as F


def words(text):
    return [w for w in re.sub(r"[.?!,]", " ", text.lower()).split()]


def parse(path):
    samples, story = [], []
    for raw in open(path):
        raw = raw.rstrip("\n")
        if not raw.strip():
            continue
        num, rest = raw.split(" ", 1)
        if int(num) == 1:
            story = []
        fields = rest.split("\t")
        if len(fields) == 1:
            story.append(words(fields[0]))
        else:
            samples.append((list(story), words(fields[0]), fields[1].strip().lower()))
    return samples


PE = "paper"


def pe_matlab(J, d):
    return torch.tensor([[1 + 4 * (k - (d + 1) / 2) * (j - (J + 1) / 2) / (d * J) for k in range(1, d + 1)] for j in range(1, J + 1)])


def pe_paper(J, d):
    return torch.tensor([[1 - j / J - (k / d) * (1 - 2 * j / J) for k in range(1, d + 1)] for j in range(1, J + 1)])


class MemN2N(torch.nn.Module):
    def __init__(self, V, d=20, hops=3, M=50):
        super().__init__()
        self.E = torch.nn.ParameterList([torch.nn.Parameter(torch.randn(V, d) * 0.1) for _ in range(hops + 1)])
        self.T = torch.nn.ParameterList([torch.nn.Parameter(torch.randn(M, d) * 0.1) for _ in range(hops + 1)])
        for e in self.E:
            e.data[0] = 0
        self.hops, self.d, self.linear, self.sink = hops, d, False, False

    def pos(self, ids):
        # per-sentence length J as the paper's formula; padding weighs 0
        L = ids.shape[-1]
        if PE == "matlab":
            return pe_matlab(L, self.d)
        lengths = (ids != 0).sum(-1)
        table = torch.zeros(L + 1, L, self.d)
        for J in range(1, L + 1):
            table[J, :J] = pe_paper(J, self.d)
        return table[lengths]

    def forward(self, mem, q, mask):
        pm, pq = self.pos(mem), self.pos(q)
        u = (self.E[0][q] * pq).sum(-2)
        # an empty slot is all zeros (no time vector either); it takes part in the softmax only with self.sink
        emb = [(e[mem] * pm).sum(-2) + t[: mem.shape[1]] * mask.unsqueeze(-1) for e, t in zip(self.E, self.T)]
        if self.sink:
            mask = torch.ones_like(mask)
        att = []
        for k in range(self.hops):
            s = torch.einsum("nmd,nd->nm", emb[k], u)
            p = s * mask if self.linear else torch.softmax(s.masked_fill(mask == 0, -1e9), -1)
            att.append(p)
            u = u + torch.einsum("nm,nmd->nd", p, emb[k + 1])
        return u @ self.E[self.hops].t(), att


def batch(samples, vocab, M, L, noise=0.0, rng=None, gap=False):
    n = len(samples)
    mem = torch.zeros(n, M, L, dtype=torch.long)
    mask = torch.zeros(n, M)
    q = torch.zeros(n, L, dtype=torch.long)
    a = torch.zeros(n, dtype=torch.long)
    for b, (story, question, answer) in enumerate(samples):
        to = 0
        kept = story[-M:]
        if gap and noise:
            # the authors' code: the n statements take n of n + nblank time indices, at random, in order
            nblank = rng.randint(0, math.ceil(len(kept) * noise))
            slots = sorted(rng.sample(range(len(kept) + nblank), len(kept)))
            slots = [min(t, M - 1) for t in slots]
            for t, s in zip(slots, reversed(kept)):
                mem[b, t, : len(s)] = torch.tensor([vocab[w] for w in s])
                mask[b, t] = 1
            kept = []
        for s in reversed(kept):
            if noise and rng.random() < noise and to < M:
                mask[b, to] = 1
                to += 1
            if to >= M:
                break
            mem[b, to, : len(s)] = torch.tensor([vocab[w] for w in s])
            mask[b, to] = 1
            to += 1
        q[b, : len(question)] = torch.tensor([vocab[w] for w in question])
        a[b] = vocab[answer]
    return mem, q, mask, a


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task", type=int)
    ap.add_argument("--dir", default="/tmp/babi")
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--ls", action="store_true")
    ap.add_argument("--noise", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--sink", action="store_true", help="empty slots take part in the softmax (score 0), as the authors' code")
    ap.add_argument("--gap", action="store_true", help="random noise as gaps in the time indices, as the authors' code")
    ap.add_argument("--pe", default="paper", choices=["paper", "matlab"])
    ap.add_argument("--matlab-ls", action="store_true", help="the authors' schedule: 20 linear epochs at 0.005, then 100 at 0.005 halved every 25")
    args = ap.parse_args()
    global PE
    PE = args.pe
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train = parse(f"{args.dir}/qa{args.task}_train.txt")
    test = parse(f"{args.dir}/qa{args.task}_test.txt")
    vocab = {"<pad>": 0}
    for story, q, a in train + test:
        for w in [w for s in story for w in s] + q + [a]:
            vocab.setdefault(w, len(vocab))
    longest = max(len(s) for s, _, _ in train + test)
    M = min(50, longest if args.sink else 2 * longest)
    L = max(max([len(q)] + [len(x) for x in s]) for s, q, _ in train + test)
    order = list(range(len(train)))
    rng.shuffle(order)
    held = round(len(train) * 0.1)
    val = [train[i] for i in order[:held]]
    tr = [train[i] for i in order[held:]]
    model = MemN2N(len(vocab), M=M)
    model.linear = args.ls
    model.sink = args.sink
    opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    vb, tb = batch(val, vocab, M, L), batch(test, vocab, M, L)

    best_val_loss, best = math.inf, (math.inf, None)
    t0 = time.time()
    if args.matlab_ls:
        model.linear = True
        args.epochs = 120
    for epoch in range(1, args.epochs + 1):
        lr = args.lr * 0.5 ** ((epoch - 1) // 25 + (1 if model.linear else 0))
        if args.matlab_ls:
            model.linear = epoch <= 20
            lr = 0.005 * 0.5 ** (max(0, epoch - 20) // 25)
        for g in opt.param_groups:
            g["lr"] = lr
        idx = list(range(len(tr)))
        rng.shuffle(idx)
        total = 0.0
        for s in range(0, len(idx), 32):
            mem, q, mask, a = batch([tr[i] for i in idx[s : s + 32]], vocab, M, L, args.noise, rng, args.gap)
            loss = F.cross_entropy(model(mem, q, mask)[0], a, reduction="sum")
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 40)
            opt.step()
            for e in model.E:
                e.data[0] = 0
            total += loss.item()
        with torch.no_grad():
            logits = model(*vb[:3])[0]
            vloss = F.cross_entropy(logits, vb[3]).item()
            verr = (logits.argmax(-1) != vb[3]).float().mean().item()
            terr = (model(*tb[:3])[0].argmax(-1) != tb[3]).float().mean().item()
        linear = model.linear
        if linear and vloss >= best_val_loss and not args.matlab_ls:
            model.linear = False
        best_val_loss = min(best_val_loss, vloss)
        if not linear and verr < best[0]:
            best = (verr, terr, epoch)
        if epoch % 10 == 0 or epoch == 1:
            print(f"epoch {epoch} lr {lr:.4f} train {total/len(tr):.3f} val loss {vloss:.3f} err {verr:.3f} test {terr:.3f} linear {linear}", flush=True)
    print(f"task {args.task} best val err {best[0]:.3f} at epoch {best[2]}: test error {best[1]:.3f} ({time.time()-t0:.0f}s)")


main()
