"""The Python side of the GPU check (run.sh): the references our results are compared with.

Each subcommand prints one line (the detail recorded in gpu-check.json) and exits non-zero when its check fails.
Imports of torch, transformers, peft and tensorboard happen inside the subcommands, so that CI can compile this
file and run its argument parsing on a machine without them.
"""
import argparse
import json
import statistics
import sys
from pathlib import Path

H200_BF16_DENSE_FLOPS = 989.4e12  # NVIDIA H200 SXM datasheet: 1979 TFLOPS bf16 with sparsity, half of it dense


def write_config(args):
    import yaml

    config = yaml.safe_load(Path(args.base).read_text())
    for assignment in args.set:
        key, _, value = assignment.partition("=")
        node = config
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = yaml.safe_load(value)  # as YAML: numbers, booleans, [lists] and {maps}; anything else a string
    Path(args.out).write_text(yaml.safe_dump(config, sort_keys=False))


def assert_device(args):
    # machine.device is the line the study logged: "device cuda:0 NVIDIA H200 ...; dtype ...". The config snapshot
    # also says "cuda", so only this field proves where the study ran.
    device = json.loads(Path(args.metadata).read_text())["machine"]["device"]
    words = device.split()
    if len(words) < 2 or words[0] != "device" or not words[1].startswith(args.expect):
        sys.exit(f"the study ran on '{device}', not {args.expect}")
    print(f"the study recorded: {device}")


def make_checkpoint(args):
    import shutil

    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    config = LlamaConfig.from_pretrained(Path(args.config).parent)
    torch.manual_seed(20241)
    with torch.device("cuda"):
        model = LlamaForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(out, safe_serialization=True)
    shutil.copy(args.config, out / "config.json")  # the real file, as the hub ships it
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(Path(args.tokenizer) / name, out / name)
    print(f"{out}: {sum(p.numel() for p in model.parameters()) / 1e9:.3f} B parameters, bf16")


def token_ids(args):
    from transformers import PreTrainedTokenizerFast

    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(Path(args.tokenizer) / "tokenizer.json"))
    text = ("Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. "
            "How many clips did Natalia sell altogether in April and May? ") * 16
    ids = [128000] + tokenizer.encode(text, add_special_tokens=False)
    print(",".join(str(i) for i in ids[: args.count]))


def _reference_logprobs(model_dir, adapter, ids):
    import torch
    from transformers import LlamaForCausalLM

    torch.backends.cuda.matmul.allow_tf32 = False  # libtorch's default, which TorchSharp keeps
    model = LlamaForCausalLM.from_pretrained(model_dir, dtype=torch.float32).cuda().eval()
    if adapter:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, adapter).eval()
    with torch.no_grad():
        logits = model(torch.tensor([ids], device="cuda")).logits.float()
        logprobs = torch.log_softmax(logits[0, :-1], dim=-1).gather(1, torch.tensor(ids[1:], device="cuda")[:, None])
    return logprobs[:, 0].tolist()


def compare_logprobs(args):
    ours = json.loads(Path(args.ours).read_text())
    ids, mine = ours["tokens"], ours["logprobs"][1:]
    reference = _reference_logprobs(args.model, args.adapter, ids)
    worst = max(abs(a - b) for a, b in zip(mine, reference))
    detail = f"{len(reference)} tokens, max |ours - transformers{'+peft' if args.adapter else ''}| = {worst:.2e} (tolerance {args.tolerance:g})"
    print(detail)
    if worst > args.tolerance or len(mine) != len(reference):
        sys.exit(1)


def tensorboard(args):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    journal = [json.loads(line) for line in Path(args.journal).read_text().splitlines() if line.strip()]
    tags = {"train/loss": "loss", "train/lr": "learning_rate", "train/grad_norm": "grad_norm", "train/tokens_per_s": "tokens_per_second"}
    compared = 0
    for run in sorted(p for p in Path(args.runs).glob("*/stage*") if p.is_dir()):
        arm, stage = run.parent.name, int(run.name.removeprefix("stage"))
        events = EventAccumulator(str(run), size_guidance={"scalars": 0})
        events.Reload()
        records = {r["record"]["step"]: r["record"] for r in journal if r["arm"] == arm and r["record"]["stage"] == stage}
        for tag, key in tags.items():
            scalars = {s.step: s.value for s in events.Scalars(tag)}
            if set(scalars) != set(records):
                sys.exit(f"{run} {tag}: steps {sorted(scalars)[:5]}... differ from the journal's {sorted(records)[:5]}...")
            for step, value in scalars.items():
                expected = records[step][key]
                if abs(value - expected) > 1e-6 * max(1.0, abs(expected)):  # the event file stores float32
                    sys.exit(f"{run} {tag} step {step}: {value} in the event file, {expected} in the journal")
                compared += 1
    if compared == 0:
        sys.exit(f"no scalars under {args.runs}")
    print(f"{compared} scalars in {args.runs} equal the journal's")


def throughput(args):
    import time

    import torch
    import yaml
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaForCausalLM, PreTrainedTokenizerFast

    config = yaml.safe_load(Path(args.config).read_text())
    stage = config["training"]["stage1"]
    lora = config["model"]
    journal = [json.loads(line)["record"] for line in Path(args.journal).read_text().splitlines() if line.strip()]
    ours_steps = [r["tokens_per_second"] for r in journal if r["stage"] == 1][3:]  # the first steps warm up CUDA
    if not ours_steps:
        sys.exit("the journal has no stage-1 steps after warm-up")

    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(Path(args.model) / "tokenizer.json"))
    rows = [json.loads(line) for line in (Path(args.data) / "gsm8k" / "train.jsonl").read_text().splitlines()[: stage["max_examples"]]]
    texts = [f"Question: {r['question']}\nAnswer: {r['answer']}" for r in rows]
    encoded = [[128000] + tokenizer.encode(t, add_special_tokens=False)[: stage["max_length"] - 1] for t in texts]

    model = LlamaForCausalLM.from_pretrained(args.model, dtype=torch.bfloat16).cuda()
    model = get_peft_model(model, LoraConfig(r=lora["lora_rank"], lora_alpha=lora["lora_alpha"], lora_dropout=0.0,
                                             target_modules=lora["target_modules"], task_type="CAUSAL_LM"))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=float(stage["learning_rate"]))
    batch = stage["batch_size"]
    rates = []
    for start in range(0, len(encoded) - batch + 1, batch):
        chunk = encoded[start : start + batch]
        width = max(len(x) for x in chunk)
        ids = torch.tensor([x + [0] * (width - len(x)) for x in chunk], device="cuda")
        mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x in chunk], device="cuda")
        labels = ids.masked_fill(mask == 0, -100)
        torch.cuda.synchronize()
        began = time.perf_counter()
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        torch.cuda.synchronize()
        rates.append(int(mask.sum()) / (time.perf_counter() - began))
    rates = rates[3:]
    base = sum(p.numel() for n, p in model.named_parameters() if "lora_" not in n)
    # LoRA: forward (2N) plus the input-gradient backward (2N); the frozen base has no weight gradients.
    def mfu(rate):
        return 4 * base * rate / H200_BF16_DENSE_FLOPS

    ours, theirs = statistics.median(ours_steps), statistics.median(rates)
    print(f"LoRA r={lora['lora_rank']} on {len(lora['target_modules'])} projections, bf16, batch {batch} x <= {stage['max_length']} tokens: "
          f"ours {ours:.0f} tokens/s (MFU {mfu(ours):.1%}), PyTorch+PEFT {theirs:.0f} tokens/s (MFU {mfu(theirs):.1%}), "
          f"ratio {ours / theirs:.2f} (medians over {len(ours_steps)} and {len(rates)} steps; MFU = 4 N tokens/s / 989 TFLOPS)")


# subcommand: (function, its options): "name" is required; ("name", default) is optional (a list default repeats).
COMMANDS = {
    "write-config": (write_config, ["base", "out", ("set", [])]),
    "assert-device": (assert_device, ["metadata", "expect"]),
    "make-checkpoint": (make_checkpoint, ["config", "tokenizer", "out"]),
    "token-ids": (token_ids, ["tokenizer", ("count", 256)]),
    "compare-logprobs": (compare_logprobs, ["model", ("adapter", None), "ours", ("tolerance", 1e-4)]),
    "tensorboard": (tensorboard, ["runs", "journal"]),
    "throughput": (throughput, ["model", "config", "data", "journal"]),
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (run, options) in COMMANDS.items():
        command = commands.add_parser(name)
        for option in options:
            if isinstance(option, str):
                command.add_argument(f"--{option}", required=True)
            elif isinstance(option[1], list):
                command.add_argument(f"--{option[0]}", action="append", default=[], metavar="KEY=VALUE")
            elif option[1] is None:
                command.add_argument(f"--{option[0]}")
            else:
                command.add_argument(f"--{option[0]}", type=type(option[1]), default=option[1])
        command.set_defaults(run=run)
    args = parser.parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()
