#!/usr/bin/env bash
# Runs the Spark job on Kubernetes in cluster mode. The image (IMAGE) must hold Spark 3.5, the .NET 8 runtime,
# Microsoft.Spark.Worker 2.3.1 at /opt/dotnet-worker, this job published at /opt/redpajama (submit/common.sh's
# publish_job output) and the microsoft-spark jar at /opt/redpajama/microsoft-spark-3-5_2.12-2.3.1.jar.
#   K8S_MASTER=k8s://https://api.example:6443 IMAGE=registry/redpajama-spark:2.3.1 \
#     submit/kubernetes.sh run books --input s3a://bucket/pg19 --output s3a://bucket/out/books
set -euo pipefail
source "$(dirname "$0")/common.sh"
: "${K8S_MASTER:?set K8S_MASTER, e.g. k8s://https://host:6443}"
: "${IMAGE:?set IMAGE to a container image built as described above}"
SUBMIT="$(spark_submit)"
exec "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$K8S_MASTER" \
  --deploy-mode cluster \
  "${SPARK_DOTNET_CONF[@]}" \
  --conf "spark.kubernetes.container.image=$IMAGE" \
  --conf spark.kubernetes.driverEnv.DOTNET_WORKER_DIR=/opt/dotnet-worker \
  --conf spark.kubernetes.driverEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=/opt/redpajama \
  --conf spark.executorEnv.DOTNET_WORKER_DIR=/opt/dotnet-worker \
  --conf spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=/opt/redpajama \
  local:///opt/redpajama/microsoft-spark-3-5_2.12-2.3.1.jar \
  dotnet /opt/redpajama/RedPajama.Spark.Job.dll "$@"
