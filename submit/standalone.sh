#!/usr/bin/env bash
# Runs the Spark job on a Spark standalone cluster in client mode.
#   SPARK_MASTER=spark://host:7077 submit/standalone.sh [--dry-run] run books --input /data/pg19 --output /data/out/books
# Every worker node needs Microsoft.Spark.Worker at DOTNET_WORKER_DIR (same path) and the .NET 8 runtime;
# inputs and output must be on storage all nodes see (NFS, HDFS, S3).
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_arguments "$@"
[[ "${SPARK_MASTER:-}" == spark://* ]] || fail "set SPARK_MASTER to the cluster's master URL, e.g. spark://host:7077"
SUBMIT="$(spark_submit)"
require_worker
publish_job
JAR="$(microsoft_spark_jar)"; spark_conf
ARCHIVE="$PUBLISH_DIR/../redpajama-spark-job.zip"
if [[ $DRY_RUN == 0 ]]; then ( cd "$PUBLISH_DIR" && zip -qr "$ARCHIVE" . ); fi
submit "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$SPARK_MASTER" \
  --deploy-mode client \
  "${SPARK_CONF[@]}" \
  --conf "spark.executorEnv.DOTNET_WORKER_DIR=$DOTNET_WORKER_DIR" \
  --conf "spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=./udfs" \
  --archives "$ARCHIVE#udfs" \
  "$JAR" \
  dotnet "$PUBLISH_DIR/$APP_DLL" "${JOB_ARGS[@]}"
