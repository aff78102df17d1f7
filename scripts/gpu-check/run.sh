#!/usr/bin/env bash
# The GPU check (docs/gpu.md), run on the accelerator machine from the folder pack.sh built:
#   bash run.sh            (in artifacts/gpu-check, or: bash artifacts/gpu-check/run.sh)
# It needs python3 with torch (CUDA), transformers, peft, tensorboard and pyyaml; no .NET, no network.
# Results: $OUT/gpu-check.json (one entry per check a-e) and $OUT/*.log. Exit 0 only when every check passes.
set -uo pipefail
pack=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$pack/out}
work=${GPU_CHECK_WORK:-$(mktemp -d)}
mkdir -p "$out" "$work"
py=${PYTHON:-python3}
check="$py $pack/gpu_check.py"
results=$out/results.jsonl
: > "$results"

record() { # name status detail
  $py -c 'import json,sys; print(json.dumps({"check": sys.argv[1], "status": sys.argv[2], "detail": sys.argv[3]}))' "$1" "$2" "$3" >> "$results"
  echo "[$2] $1: $3"
}

torch_lib=$($py -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))') || {
  echo "run.sh: $py cannot import torch" >&2; exit 1; }
export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 FORGETCLOUD_CACHE=$work/cache
cli=$pack/cli/forgetcloud
$py -c 'import torch, transformers, peft; print("torch", torch.__version__, "cuda", torch.version.cuda, "transformers", transformers.__version__, "peft", peft.__version__, torch.cuda.get_device_name(0))' | tee "$out/environment.txt"

# TorchSharp 0.107's LibTorchSharp is built against libtorch 2.10; if this machine's libtorch (PyTorch's) has another
# ABI, loading fails with undefined symbols: rebuild LibTorchSharp here against it, from the carried sources.
probe() { "$cli" score --model smoke --token-ids 1,2,3,4 --device cuda --dtype fp32 --json > "$out/probe.json" 2> "$out/probe.log"; }
if ! probe; then
  echo "the shipped LibTorchSharp does not load against $torch_lib ($(tail -n 3 "$out/probe.log" | tr '\n' ' ')); rebuilding it"
  if [ ! -d "$pack/torchsharp-native" ]; then
    record abi failed "LibTorchSharp does not load and pack.sh carried no TorchSharp sources (--torchsharp-src)"; exit 1
  fi
  prefix=$($py -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')
  (cmake -S "$pack/torchsharp-native" -B "$work/native-build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
     -DLIBTORCH_PATH="$prefix/Torch" && cmake --build "$work/native-build" -j "$(nproc)") > "$out/native-build.log" 2>&1 || {
    record abi failed "building LibTorchSharp failed: see native-build.log"; exit 1; }
  cp "$(find "$work/native-build" -name libLibTorchSharp.so | head -n 1)" "$pack/cli/libLibTorchSharp.so"
  probe || { record abi failed "the rebuilt LibTorchSharp does not load either: see probe.log"; exit 1; }
  record abi passed "LibTorchSharp rebuilt against $torch_lib"
else
  record abi passed "the shipped LibTorchSharp loads against $torch_lib"
fi

# (a) the smoke study on the GPU
$check write-config --base "$pack/smoke.yaml" --out "$work/smoke-cuda.yaml" --set device=cuda --set "data.local_dir=$pack/data"
if "$cli" study --config "$work/smoke-cuda.yaml" --output-dir "$work/smoke" > "$out/a-smoke.log" 2>&1 \
   && detail=$($check assert-device --metadata "$work/smoke/logs/experiment_metadata.json" --expect cuda); then
  record a-smoke-study passed "$detail"
else
  record a-smoke-study failed "see a-smoke.log"
fi

# (b) our Llama vs transformers' LlamaForCausalLM on a Llama-3.2-1B-shaped checkpoint, fp32, per-token log-probs
model=$work/llama-3.2-1b
$check make-checkpoint --config "$pack/llama-3.2-1b/config.json" --tokenizer "$pack/llama-3.2-1b" --out "$model" > "$out/b-checkpoint.log" 2>&1
ids=$($check token-ids --tokenizer "$model" --count 256)
"$cli" score --model "$model" --token-ids "$ids" --device cuda --dtype fp32 --json > "$work/b-ours.json" 2> "$out/b-score.log"
if detail=$($check compare-logprobs --model "$model" --ours "$work/b-ours.json" --tolerance 1e-4 2>> "$out/b-score.log"); then
  record b-logprobs-vs-transformers passed "$detail"; else record b-logprobs-vs-transformers failed "$detail"; fi

# (c) our stage-1 LoRA adapter loaded by PEFT: a short LoRA study on the 1B shape (bf16, the GPU's native dtype)
$check write-config --base "$pack/smoke.yaml" --out "$work/lora-1b.yaml" --set device=cuda --set dtype=bf16 \
  --set "data.local_dir=$pack/data" --set "model.name=$model" --set model.use_lora=true --set model.lora_rank=16 \
  --set model.lora_alpha=32 --set "model.target_modules=[q_proj,k_proj,v_proj,o_proj,gate_proj,up_proj,down_proj]" \
  --set training.stage1.max_examples=256 --set training.stage1.epochs=1 --set training.stage1.batch_size=8 \
  --set training.stage1.max_length=256 --set training.stage2.max_examples=64 --set training.stage2.epochs=1 \
  --set training.stage2.batch_size=8 --set training.stage2.max_length=256 --set logging.save_interval=1000 \
  --set "evaluation.max_examples={gsm8k: 16, aqua_rat: 16}"
"$cli" study --config "$work/lora-1b.yaml" --output-dir "$work/lora" > "$out/c-lora-study.log" 2>&1
adapter=$(ls -d "$work"/lora/checkpoints/stage1_checkpoint_* 2>/dev/null | sort -V | tail -n 1)
if [ -n "$adapter" ]; then
  "$cli" score --model "$model" --adapter "$adapter" --token-ids "$ids" --device cuda --dtype fp32 --json > "$work/c-ours.json" 2> "$out/c-score.log"
  if detail=$($check compare-logprobs --model "$model" --adapter "$adapter" --ours "$work/c-ours.json" --tolerance 1e-4 2>> "$out/c-score.log"); then
    record c-peft-adapter passed "$detail"; else record c-peft-adapter failed "$detail"; fi
else
  record c-peft-adapter failed "the LoRA study wrote no stage-1 checkpoint: see c-lora-study.log"
fi

# (d) TensorBoard's EventAccumulator reads our event files with the journal's scalars
if detail=$($check tensorboard --runs "$work/lora/tensorboard_logs" --journal "$work/lora/study_training_steps.jsonl" 2>&1); then
  record d-tensorboard passed "$detail"; else record d-tensorboard failed "$detail"; fi

# (e) LoRA training tokens/s and MFU on the 1B shape: ours (the stage-1 journal) beside PyTorch + PEFT, same config
if detail=$($check throughput --model "$model" --config "$work/lora-1b.yaml" --data "$pack/data" \
      --journal "$work/lora/study_training_steps.jsonl" 2> "$out/e-throughput.log"); then
  record e-throughput passed "$detail"; else record e-throughput failed "$detail"; fi

$py -c 'import json,sys; rows=[json.loads(l) for l in open(sys.argv[1])]; json.dump(rows, open(sys.argv[2],"w"), indent=2); sys.exit(any(r["status"]!="passed" for r in rows))' \
  "$results" "$out/gpu-check.json"
