"""Scale-out: the unchanged analyzer on a cluster (`newsgraph spark`, see `scale.spark`)."""
