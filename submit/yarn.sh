#!/usr/bin/env bash
# Runs the Spark job on YARN in cluster mode (HDInsight, EMR, on-premises Hadoop).
#   HDFS_APPS=hdfs:///apps/redpajama WORKER_ZIP=Microsoft.Spark.Worker.net8.0.linux-x64-2.3.1.zip \
#     submit/yarn.sh [--dry-run] run books --input hdfs:///data/pg19 --output hdfs:///data/out/books
# Uploads the published job, the worker archive and the runner jar to $HDFS_APPS first. WORKER_ZIP is the release
# archive Microsoft.Spark.Worker.net8.0.linux-x64-<version>.zip (it unpacks to Microsoft.Spark.Worker-<version>/).
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_arguments "$@"
[[ -n "${HDFS_APPS:-}" ]] || fail "set HDFS_APPS to an upload folder, e.g. hdfs:///apps/redpajama"
[[ -n "${WORKER_ZIP:-}" && ( $DRY_RUN == 1 || -f "$WORKER_ZIP" ) ]] || fail "set WORKER_ZIP to the Microsoft.Spark.Worker $MICROSOFT_SPARK_VERSION linux-x64 zip"
SUBMIT="$(spark_submit)"
publish_job
JAR="$(microsoft_spark_jar)"; spark_conf
WORKER="./worker/Microsoft.Spark.Worker-$MICROSOFT_SPARK_VERSION"
if [[ $DRY_RUN == 0 ]]; then
  ( cd "$PUBLISH_DIR" && zip -qr "$PUBLISH_DIR/../redpajama-spark-job.zip" . )
  hdfs dfs -mkdir -p "$HDFS_APPS"
  hdfs dfs -put -f "$PUBLISH_DIR/../redpajama-spark-job.zip" "$WORKER_ZIP" "$JAR" "$HDFS_APPS/"
fi
submit "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master yarn \
  --deploy-mode cluster \
  "${SPARK_CONF[@]}" \
  --conf "spark.yarn.appMasterEnv.DOTNET_WORKER_DIR=$WORKER" \
  --conf spark.yarn.appMasterEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=./udfs \
  --conf "spark.executorEnv.DOTNET_WORKER_DIR=$WORKER" \
  --conf spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=./udfs \
  --archives "$HDFS_APPS/$(basename "$WORKER_ZIP")#worker,$HDFS_APPS/redpajama-spark-job.zip#udfs" \
  "$HDFS_APPS/$(basename "$JAR")" \
  "$HDFS_APPS/redpajama-spark-job.zip" RedPajama.Spark.Job "${JOB_ARGS[@]}"
