#!/usr/bin/env bash
# Shared by the submit scripts: publishes the Spark job and checks what spark-submit needs.
# Environment:
#   SPARK_HOME            Spark 3.5 installation (spark-submit is taken from $SPARK_HOME/bin)
#   MICROSOFT_SPARK_JAR   microsoft-spark-3-5_2.12-2.3.1.jar (default: the one the Microsoft.Spark NuGet package
#                         copies into the publish folder when restored from nuget.org)
#   DOTNET_WORKER_DIR     folder holding Microsoft.Spark.Worker 2.3.1 (release Microsoft.Spark.Worker.net8.0.linux-x64-2.3.1)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PUBLISH_DIR="${PUBLISH_DIR:-$REPO_ROOT/out/spark-job}"
APP_DLL="RedPajama.Spark.Job.dll"

publish_job() {
  dotnet publish "$REPO_ROOT/jobs/RedPajama.Spark/RedPajama.Spark.Job.csproj" -c Release -o "$PUBLISH_DIR" --nologo >&2
}

spark_submit() {
  if [[ -z "${SPARK_HOME:-}" ]]; then
    echo "submit: set SPARK_HOME to a Spark 3.5 installation" >&2; exit 2
  fi
  echo "$SPARK_HOME/bin/spark-submit"
}

microsoft_spark_jar() {
  local jar="${MICROSOFT_SPARK_JAR:-$(ls "$PUBLISH_DIR"/microsoft-spark-3-5_2.12-*.jar 2>/dev/null | head -n 1)}"
  if [[ -z "$jar" || ! -f "$jar" ]]; then
    echo "submit: microsoft-spark-3-5_2.12-2.3.1.jar not found; set MICROSOFT_SPARK_JAR (it ships in the Microsoft.Spark 2.3.1 package on nuget.org, under jars/)" >&2
    exit 2
  fi
  echo "$jar"
}

require_worker() {
  if [[ -z "${DOTNET_WORKER_DIR:-}" || ! -x "$DOTNET_WORKER_DIR/Microsoft.Spark.Worker" ]]; then
    echo "submit: set DOTNET_WORKER_DIR to an unpacked Microsoft.Spark.Worker 2.3.1 (net8.0) folder" >&2; exit 2
  fi
}

# Spark 3.5.4+ patch releases are newer than the runner's list; the API is unchanged.
SPARK_DOTNET_CONF=(--conf spark.dotnet.ignoreSparkPatchVersionCheck=true)
