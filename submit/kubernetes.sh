#!/usr/bin/env bash
# Runs the Spark job on Kubernetes in cluster mode. The image (IMAGE) must hold Spark 3.5, the .NET 8 runtime,
# Microsoft.Spark.Worker at /opt/dotnet-worker, this job published at /opt/redpajama (common.sh's publish_job output,
# models/ included) and the runner jar at /opt/redpajama/microsoft-spark-<line>_<scala>-<version>.jar.
#   K8S_MASTER=k8s://https://api.example:6443 IMAGE=registry/redpajama-spark:2.3.1 \
#     submit/kubernetes.sh [--dry-run] run books --input s3a://bucket/pg19 --output s3a://bucket/out/books
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_arguments "$@"
[[ "${K8S_MASTER:-}" == k8s://* ]] || fail "set K8S_MASTER, e.g. k8s://https://host:6443"
[[ -n "${IMAGE:-}" ]] || fail "set IMAGE to a container image built as described above"
SUBMIT="$(spark_submit)"
PUBLISH_DIR=/opt/redpajama
MODEL_FILES="${MODEL_FILES:-local:///opt/redpajama/models/mistral-7b-v0.1-tokenizer.model,local:///opt/redpajama/models/lid.176.ftz}"
spark_conf
submit "$SUBMIT" \
  --class org.apache.spark.deploy.dotnet.DotnetRunner \
  --master "$K8S_MASTER" \
  --deploy-mode cluster \
  "${SPARK_CONF[@]}" \
  --conf "spark.kubernetes.container.image=$IMAGE" \
  --conf spark.kubernetes.driverEnv.DOTNET_WORKER_DIR=/opt/dotnet-worker \
  --conf spark.kubernetes.driverEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=/opt/redpajama \
  --conf spark.executorEnv.DOTNET_WORKER_DIR=/opt/dotnet-worker \
  --conf spark.executorEnv.DOTNET_ASSEMBLY_SEARCH_PATHS=/opt/redpajama \
  "local:///opt/redpajama/$JAR_NAME" \
  dotnet /opt/redpajama/RedPajama.Spark.Job.dll "${JOB_ARGS[@]}"
