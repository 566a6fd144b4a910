#!/usr/bin/env bash
# Shared by the submit scripts: argument checks, publishing the Spark job, and the spark-submit settings.
#
# Usage of every script:  submit/<script>.sh [--dry-run] run <source> --input <path>… --output <dir> [job options]
#   --dry-run   check the arguments and the environment, print the spark-submit command, run nothing
#
# Environment (defaults in brackets):
#   SPARK_HOME                Spark 3.5 installation; spark-submit is $SPARK_HOME/bin/spark-submit
#   MICROSOFT_SPARK_VERSION   [2.3.1] Microsoft.Spark version; 2.3.1 runs Spark 3.0–3.5, 2.4.0 adds Spark 4.0
#   SPARK_LINE                [3-5] the Spark line of the runner jar (3-0 … 3-5, or 4-0 with 2.4.0)
#   SCALA_VERSION             [2.12] Scala version of the runner jar (2.13 for Spark 4)
#   MICROSOFT_SPARK_JAR       [$PUBLISH_DIR/microsoft-spark-<line>_<scala>-<version>.jar] the runner jar
#   DOTNET_WORKER_DIR         Microsoft.Spark.Worker <version> for .NET 8 (release Microsoft.Spark.Worker.net8.0.linux-x64-<version>)
#   DRIVER_MEMORY             [4g]  driver JVM heap
#   EXECUTOR_MEMORY           [8g]  executor JVM heap
#   EXECUTOR_MEMORY_OVERHEAD  [4g]  executor memory outside the JVM: the .NET worker process, its models and Arrow buffers
#   EXECUTOR_CORES            [4]   cores (and so concurrent .NET UDF tasks) per executor
#   MODEL_FILES               [the published models/] comma-separated model files shipped with --files
#   PUBLISH_DIR               [out/spark-job] where `dotnet publish` puts the job
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PUBLISH_DIR="${PUBLISH_DIR:-$REPO_ROOT/out/spark-job}"
APP_DLL="RedPajama.Spark.Job.dll"
MICROSOFT_SPARK_VERSION="${MICROSOFT_SPARK_VERSION:-2.3.1}"
SPARK_LINE="${SPARK_LINE:-3-5}"
SCALA_VERSION="${SCALA_VERSION:-2.12}"
JAR_NAME="microsoft-spark-${SPARK_LINE}_${SCALA_VERSION}-${MICROSOFT_SPARK_VERSION}.jar"
DRY_RUN=0

fail() { echo "submit: $*" >&2; exit 2; }

# A missing installation (Spark, the .NET worker) stops a real run; a dry run, which checks a configuration before
# anything is installed, only warns and prints the command with the variable unexpanded.
missing_installation() {
  if [[ $DRY_RUN == 1 ]]; then echo "submit: warning: $* (a real run stops here)" >&2; else fail "$*"; fi
}

# Checks the job arguments (run <source> --input … --output …) and sets JOB_ARGS; strips a leading --dry-run.
parse_arguments() {
  if [[ "${1:-}" == "--dry-run" ]]; then DRY_RUN=1; shift; fi
  [[ "${1:-}" == "run" ]] || fail "usage: $(basename "$0") [--dry-run] run <source> --input <path>… --output <dir> [--config <yaml>] [--keep-all]"
  [[ -n "${2:-}" && "${2:0:1}" != "-" ]] || fail "run needs a source name (books)"
  local has_input=0 has_output=0 previous=""
  for argument in "$@"; do
    [[ "$argument" == "--input" ]] && has_input=1
    [[ "$previous" == "--output" && -n "$argument" && "${argument:0:1}" != "-" ]] && has_output=1
    previous="$argument"
  done
  [[ $has_input == 1 ]] || fail "--input is required"
  [[ $has_output == 1 ]] || fail "--output needs a directory"
  JOB_ARGS=("$@")
}

publish_job() {
  if [[ $DRY_RUN == 1 ]]; then
    echo "would publish: dotnet publish jobs/RedPajama.Spark/RedPajama.Spark.Job.csproj -c Release -o $PUBLISH_DIR"
  else
    dotnet publish "$REPO_ROOT/jobs/RedPajama.Spark/RedPajama.Spark.Job.csproj" -c Release -o "$PUBLISH_DIR" --nologo >&2
  fi
}

spark_submit() {
  if [[ -z "${SPARK_HOME:-}" ]]; then
    missing_installation "set SPARK_HOME to a Spark 3.5 installation"
    echo '$SPARK_HOME/bin/spark-submit'
    return
  fi
  [[ -x "$SPARK_HOME/bin/spark-submit" ]] || missing_installation "$SPARK_HOME/bin/spark-submit not found"
  echo "$SPARK_HOME/bin/spark-submit"
}

microsoft_spark_jar() {
  local jar="${MICROSOFT_SPARK_JAR:-$PUBLISH_DIR/$JAR_NAME}"
  # A dry run has not published yet; the jar is checked when it is really needed.
  if [[ $DRY_RUN == 0 && ! -f "$jar" ]]; then
    fail "$jar not found; set MICROSOFT_SPARK_JAR (it ships in the Microsoft.Spark $MICROSOFT_SPARK_VERSION package on nuget.org, under jars/)"
  fi
  echo "$jar"
}

require_worker() {
  [[ -n "${DOTNET_WORKER_DIR:-}" && -x "$DOTNET_WORKER_DIR/Microsoft.Spark.Worker" ]] \
    || missing_installation "set DOTNET_WORKER_DIR to an unpacked Microsoft.Spark.Worker $MICROSOFT_SPARK_VERSION (net8.0) folder"
}

model_files() {
  if [[ -n "${MODEL_FILES:-}" ]]; then echo "$MODEL_FILES"; return; fi
  local files=("$PUBLISH_DIR"/models/*.model "$PUBLISH_DIR"/models/*.ftz)
  local existing=()
  for file in "${files[@]}"; do [[ -f "$file" ]] && existing+=("$file"); done
  if [[ ${#existing[@]} == 0 ]]; then
    # Before publishing (a dry run), name what publishing will put there.
    echo "$PUBLISH_DIR/models/mistral-7b-v0.1-tokenizer.model,$PUBLISH_DIR/models/lid.176.ftz"
  else
    (IFS=,; echo "${existing[*]}")
  fi
}

# Settings every deployment shares: Spark 3.5.4+ patch releases are newer than the runner's list (the API is
# unchanged), memory for the JVM and for the .NET worker beside it, and the models as Spark files.
spark_conf() {
  SPARK_CONF=(
    --conf spark.dotnet.ignoreSparkPatchVersionCheck=true
    --driver-memory "${DRIVER_MEMORY:-4g}"
    --executor-memory "${EXECUTOR_MEMORY:-8g}"
    --conf "spark.executor.memoryOverhead=${EXECUTOR_MEMORY_OVERHEAD:-4g}"
    --executor-cores "${EXECUTOR_CORES:-4}"
    --files "$(model_files)"
  )
}

# Prints the command; runs it unless this is a dry run.
submit() {
  printf 'spark-submit command:'; printf ' %q' "$@"; printf '\n'
  if [[ $DRY_RUN == 1 ]]; then exit 0; fi
  exec "$@"
}
