// Objects with the fields drydock cannot model, each written as kubectl prints it, and the findings
// the import must name for them.
#include "tests/kubernetes/cluster_dump.h"

namespace drydock::testing {
namespace {

// A Deployment whose pod spec gets `extra` (YAML at the pod spec's indentation, 6 spaces).
std::string deployment(const std::string& name, const std::string& extra, const std::string& container_extra = "") {
  return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
         "\n  namespace: default\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: " + name +
         "\n  template:\n    metadata:\n      labels:\n        app: " + name + "\n    spec:\n" + extra +
         "      containers:\n      - image: nginx:1.25\n        name: main\n        resources:\n          requests:\n"
         "            cpu: 100m\n            memory: 64Mi\n" + container_extra +
         "      restartPolicy: Always\n      schedulerName: default-scheduler\n";
}

}  // namespace

UnsupportedObjects make_unsupported_objects() {
  UnsupportedObjects u;
  const std::string p = "spec.template.spec.";
  u.yaml += deployment("affine",
                       "      affinity:\n        podAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
                       "          - labelSelector:\n              matchLabels:\n                app: db\n"
                       "            topologyKey: kubernetes.io/hostname\n");
  u.expected.push_back("deploy/affine: " + p + "affinity.podAffinity");
  u.yaml += deployment("preferring",
                       "      affinity:\n        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n"
                       "          - preference:\n              matchExpressions:\n              - key: disk\n"
                       "                operator: In\n                values:\n                - ssd\n            weight: 10\n");
  u.expected.push_back("deploy/preferring: " + p + "affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution");
  u.yaml += deployment("exists",
                       "      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
                       "            nodeSelectorTerms:\n            - matchExpressions:\n              - key: disk\n"
                       "                operator: Exists\n");
  u.expected.push_back("deploy/exists: " + p +
                       "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]");
  u.yaml += deployment("zone-apart",
                       "      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
                       "          - labelSelector:\n              matchLabels:\n                app: zone-apart\n"
                       "            topologyKey: topology.kubernetes.io/zone\n");
  u.expected.push_back("deploy/zone-apart: " + p + "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey");
  u.yaml += deployment("spread",
                       "      topologySpreadConstraints:\n      - labelSelector:\n          matchLabels:\n            app: spread\n"
                       "        maxSkew: 1\n        topologyKey: topology.kubernetes.io/zone\n        whenUnsatisfiable: DoNotSchedule\n");
  u.expected.push_back("deploy/spread: " + p + "topologySpreadConstraints");
  u.yaml += deployment("important", "      priorityClassName: business-critical\n");
  u.expected.push_back("deploy/important: " + p + "priorityClassName");
  u.yaml += deployment("sandboxed", "      runtimeClassName: gvisor\n");
  u.expected.push_back("deploy/sandboxed: " + p + "runtimeClassName");
  u.yaml += deployment("scratch", "", "            ephemeral-storage: 2Gi\n");
  u.expected.push_back("deploy/scratch: " + p + "containers[0].resources.requests.ephemeral-storage");
  u.yaml += deployment("claims", "      volumes:\n      - name: data\n        persistentVolumeClaim:\n          claimName: data\n");
  u.expected.push_back("deploy/claims: " + p + "volumes[0].persistentVolumeClaim");
  u.yaml +=
      "---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ordered\n  namespace: shop\nspec:\n"
      "  podManagementPolicy: OrderedReady\n  replicas: 3\n  selector:\n    matchLabels:\n      app: ordered\n"
      "  serviceName: ordered\n  template:\n    metadata:\n      labels:\n        app: ordered\n    spec:\n"
      "      containers:\n      - image: postgres:16\n        name: db\n  volumeClaimTemplates:\n  - metadata:\n"
      "      name: data\n    spec:\n      accessModes:\n      - ReadWriteOnce\n      resources:\n        requests:\n"
      "          storage: 10Gi\n";
  u.expected.push_back("shop:sts/ordered: spec.podManagementPolicy");
  u.expected.push_back("shop:sts/ordered: spec.volumeClaimTemplates");
  u.yaml +=
      "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: waves\n  namespace: default\nspec:\n  backoffLimit: 6\n"
      "  completions: 10\n  parallelism: 2\n  template:\n    metadata:\n      labels:\n        app: waves\n    spec:\n"
      "      containers:\n      - image: busybox:1.36\n        name: main\n      restartPolicy: Never\n";
  u.expected.push_back("job/waves: spec.completions");
  u.yaml +=
      "---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: default\nspec:\n"
      "  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n"
      "          - image: busybox:1.36\n            name: main\n          restartPolicy: OnFailure\n";
  u.expected.push_back("cj/nightly: kind");
  u.yaml +=
      "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n  namespace: default\n"
      "spec:\n  maxReplicas: 10\n  minReplicas: 2\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n"
      "    name: affine\n";
  u.expected.push_back("horizontalpodautoscaler/web: kind");
  return u;
}

}  // namespace drydock::testing
