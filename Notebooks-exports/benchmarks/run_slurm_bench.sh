#!/usr/bin/env bash
# Overhead of running galmorph as Slurm jobs on one node: a private munged + slurmctld + slurmd (as the test
# `SlurmTests` brings up; needs root and `.ci/deps.sh`'s slurm-wlm and munge), then
#   1. the bundled GZ1 stack annotated in one run (2 workers) and as 4 shards of 1 CPU each + the dependent merge,
#      with every array task's run time from `scontrol show job` and the merge timed on its own;
#   2. a small audit (simulated context-dec sky, net-a, 1 epoch) in one run and as tasks + collect.
# Daemons are stopped by the pids this script started. Run from the package root after `make build`:
#   bash Notebooks-exports/benchmarks/run_slurm_bench.sh [OUTDIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
G="${GALMORPH:-$ROOT/.build/release/galmorph}"
OUT="$(mkdir -p "${1:-/tmp/galmorph-slurm-bench}" && cd "${1:-/tmp/galmorph-slurm-bench}" && pwd)"
S="$OUT/slurm"; rm -rf "$S"; mkdir -p "$S"/{state,spool,munge,log}; chmod 700 "$S/munge"
PIDS=()
stop() { for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done; sleep 2
         for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap stop EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mungekey --create --keyfile="$S/munge/munge.key" --force; chmod 400 "$S/munge/munge.key"
/usr/sbin/munged --foreground --force --key-file="$S/munge/munge.key" --socket="$S/munge/munge.socket" \
  --pid-file="$S/munge/munged.pid" --log-file="$S/log/munged.log" --seed-file="$S/munge/munged.seed" \
  > "$S/log/munged.out" 2>&1 & PIDS+=($!)
for _ in $(seq 50); do [ -S "$S/munge/munge.socket" ] && break; sleep 0.2; done
NODE="$(/usr/sbin/slurmd -C | grep '^NodeName=' | sed 's/ UpTime=[^ ]*//')"
HOST="$(echo "$NODE" | sed 's/^NodeName=\([^ ]*\).*/\1/')"
cat > "$S/slurm.conf" <<CONF
ClusterName=galmorphbench
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$S/munge/munge.socket
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
$NODE State=UNKNOWN
PartitionName=bench Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$S/slurm.conf"
/usr/sbin/slurmctld -D -i -f "$SLURM_CONF" > "$S/log/slurmctld.out" 2>&1 & PIDS+=($!)
/usr/sbin/slurmd -D -f "$SLURM_CONF" > "$S/log/slurmd.out" 2>&1 & PIDS+=($!)
for _ in $(seq 120); do scontrol show node 2>/dev/null | grep -q 'State=IDLE' && break; sleep 0.5; done
echo "cluster up: $(sinfo -h -o '%n %c CPUs %t')"
wait_job() { while squeue -h -j "$1" 2>/dev/null | grep -q .; do sleep 0.5; done; }
# Seconds between StartTime and EndTime of every task of job $1 (scontrol keeps finished jobs for MinJobAge).
runtimes() {
  scontrol show job "$1" -o | python3 -c '
import sys, datetime
for line in sys.stdin:
    f = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    t = lambda k: datetime.datetime.fromisoformat(f[k])
    print(f.get("ArrayTaskId", "-"), f["JobState"], int((t("EndTime") - t("StartTime")).total_seconds()))'
}
now() { date +%s.%N; }
cd "$OUT"
STACK="$ROOT/Catalogs/gz1_cutouts_64.h5"
ROWS=$(python3 -c "import h5py; print(h5py.File('$STACK')['images'].shape[0])" 2>/dev/null || echo 4545)

echo "== annotation of $STACK ($ROWS galaxies)"
s=$(now); GALMORPH_PROGRESS=0 "$G" annotate --image-stack "$STACK" --output full.csv > /dev/null; e=$(now)
echo "one run, 2 workers: $(echo "$e - $s" | bc) s, $(echo "$ROWS / ($e - $s)" | bc) galaxies/s"
rm -rf jobs
s=$(now)
ids=$("$G" slurm annotate --jobs-dir jobs --tasks 4 --cpus-per-task 1 --output merged.csv --submit -- \
  --image-stack "$STACK" | tail -n 1 | grep -o '[0-9]\+' | tail -n 2)
array=$(echo "$ids" | head -n 1); merge=$(echo "$ids" | tail -n 1)
wait_job "$array"; wait_job "$merge"; e=$(now)
echo "4 shards of 1 CPU (2 at a time on this node) + merge: $(echo "$e - $s" | bc) s wall, $(echo "$ROWS / ($e - $s)" | bc) galaxies/s"
echo "array tasks (task, state, seconds):"; runtimes "$array" | sed 's/^/  /'
echo "merge job: $(runtimes "$merge")"
cmp merged.csv full.csv && echo "merged.csv identical to the single run"
s=$(now); "$G" merge --output merged-again.csv jobs/parts/part-{0,1,2,3}.csv > /dev/null; e=$(now)
echo "merge alone: $(echo "$e - $s" | bc) s for $ROWS rows"

echo "== audit (context-dec sky, 400 galaxies, net-a, 1 epoch, 1 split, 2 seeds, 3 control units)"
[ -d sim ] || "$G" simulate --preset context-dec --count 400 --seed 5 --out sim > /dev/null
A=(--images sim --split dec:0 --seeds 2 --controls 3 --epochs 1 --architecture net-a --train-size 120 --permutations 100 --bootstrap 50)
rm -rf whole tasks jobs-audit
s=$(now); GALMORPH_PROGRESS=0 "$G" audit "${A[@]}" --out whole > /dev/null 2>&1; e=$(now)
echo "one run: $(echo "$e - $s" | bc) s"
s=$(now)
ids=$("$G" slurm audit --jobs-dir jobs-audit --cpus-per-task 1 --submit -- "${A[@]}" --out tasks 2>/dev/null | tail -n 1 | grep -o '[0-9]\+' | tail -n 2)
array=$(echo "$ids" | head -n 1); collect=$(echo "$ids" | tail -n 1)
wait_job "$array"; wait_job "$collect"; e=$(now)
echo "plan + tasks + collect: $(echo "$e - $s" | bc) s wall"
echo "tasks (task, state, seconds):"; runtimes "$array" | sed 's/^/  /'
echo "collect job: $(runtimes "$collect")"
cmp whole/audit.csv tasks/audit.csv && echo "audit.csv identical to the single run"
