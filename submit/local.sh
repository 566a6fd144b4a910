#!/usr/bin/env bash
# Runs the Spark job on this machine: spark-submit --master local[*].
#   submit/local.sh run books --input samples/books --output out/books-spark
set -euo pipefail
source "$(dirname "$0")/common.sh"
publish_job
require_worker
SUBMIT="$(spark_submit)"; JAR="$(microsoft_spark_jar)"
export DOTNET_ASSEMBLY_SEARCH_PATHS="$PUBLISH_DIR"
exec "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "local[*]" \
  "${SPARK_DOTNET_CONF[@]}" \
  "$JAR" \
  dotnet "$PUBLISH_DIR/$APP_DLL" "$@"
