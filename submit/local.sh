#!/usr/bin/env bash
# Runs the Spark job on this machine: spark-submit --master local[*].
#   submit/local.sh [--dry-run] run books --input samples/books --output out/books-spark
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_arguments "$@"
SUBMIT="$(spark_submit)"
require_worker
publish_job
JAR="$(microsoft_spark_jar)"; spark_conf
export DOTNET_ASSEMBLY_SEARCH_PATHS="$PUBLISH_DIR"
submit "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "local[*]" \
  "${SPARK_CONF[@]}" \
  "$JAR" \
  dotnet "$PUBLISH_DIR/$APP_DLL" "${JOB_ARGS[@]}"
