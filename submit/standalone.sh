#!/usr/bin/env bash
# Runs the Spark job on a Spark standalone cluster in client mode.
#   SPARK_MASTER=spark://host:7077 submit/standalone.sh run books --input /data/pg19 --output /data/out/books
# Every worker node needs Microsoft.Spark.Worker at DOTNET_WORKER_DIR (same path) and the .NET 8 runtime;
# inputs and output must be on storage all nodes see (NFS, HDFS, S3).
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${SPARK_MASTER:?set SPARK_MASTER, e.g. spark://host:7077}"
publish_job
require_worker
SUBMIT="$(spark_submit)"; JAR="$(microsoft_spark_jar)"
( cd "$PUBLISH_DIR" && zip -qr "$PUBLISH_DIR/../redpajama-spark-job.zip" . )
exec "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$SPARK_MASTER" \
  --deploy-mode client \
  "${SPARK_DOTNET_CONF[@]}" \
  --conf "spark.executorEnv.DOTNET_WORKER_DIR=$DOTNET_WORKER_DIR" \
  --conf "spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=./udfs" \
  --archives "$PUBLISH_DIR/../redpajama-spark-job.zip#udfs" \
  "$JAR" \
  dotnet "$PUBLISH_DIR/$APP_DLL" "$@"
