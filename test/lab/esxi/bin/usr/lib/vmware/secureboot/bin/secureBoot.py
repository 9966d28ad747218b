#!/bin/sh
# Lab stand-in for ESXi's secureBoot.py: runs the simulator with the host's Node 24 (paths written at provisioning).
. "${LAB_HOST_ROOT}/etc/vmware/lab/runtime.env" || exit 127
# Node compile cache (shared by all hosts): ~30 ms a call instead of ~100 ms.
NODE_COMPILE_CACHE=${NODE_COMPILE_CACHE:-/var/tmp/custode-lab-node-cache} exec "$LAB_NODE" --disable-warning=ExperimentalWarning "$LAB_ESXI_DIR/cli.ts" secureBoot.py "$@"
