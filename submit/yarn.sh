#!/usr/bin/env bash
# Runs the Spark job on YARN in cluster mode (HDInsight, EMR, on-premises Hadoop).
#   HDFS_APPS=hdfs:///apps/redpajama submit/yarn.sh run books --input hdfs:///data/pg19 --output hdfs:///data/out/books
# Uploads the published job and the worker archive to $HDFS_APPS first. WORKER_ZIP is the release archive
# Microsoft.Spark.Worker.net8.0.linux-x64-2.3.1.zip (unpacks to Microsoft.Spark.Worker-2.3.1/).
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${HDFS_APPS:?set HDFS_APPS, e.g. hdfs:///apps/redpajama}"
: "${WORKER_ZIP:?set WORKER_ZIP to the Microsoft.Spark.Worker 2.3.1 linux-x64 zip}"
publish_job
SUBMIT="$(spark_submit)"; JAR="$(microsoft_spark_jar)"
( cd "$PUBLISH_DIR" && zip -qr "$PUBLISH_DIR/../redpajama-spark-job.zip" . )
hdfs dfs -mkdir -p "$HDFS_APPS"
hdfs dfs -put -f "$PUBLISH_DIR/../redpajama-spark-job.zip" "$WORKER_ZIP" "$JAR" "$HDFS_APPS/"
exec "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master yarn \
  --deploy-mode cluster \
  "${SPARK_DOTNET_CONF[@]}" \
  --conf spark.yarn.appMasterEnv.DOTNET_WORKER_DIR=./worker/Microsoft.Spark.Worker-2.3.1 \
  --conf spark.yarn.appMasterEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=./udfs \
  --conf spark.executorEnv.DOTNET_WORKER_DIR=./worker/Microsoft.Spark.Worker-2.3.1 \
  --conf spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=./udfs \
  --archives "$HDFS_APPS/$(basename "$WORKER_ZIP")#worker,$HDFS_APPS/redpajama-spark-job.zip#udfs" \
  "$HDFS_APPS/$(basename "$JAR")" \
  "$HDFS_APPS/redpajama-spark-job.zip" RedPajama.Spark.Job "$@"
