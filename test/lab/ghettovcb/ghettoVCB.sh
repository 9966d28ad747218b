#!/bin/sh
# Custode lab stand-in for ghettoVCB.sh (behaviour of lamw/ghettoVCB 2025_10_30 as specified in
# shared/reference/ghettovcb.md). Written for busybox ash. It drives the host only through the ESXi commands the
# real script uses (/bin/vim-cmd, /sbin/vmkfstools, vmware -v), so the lab's simulators see the same calls.
# Lab extension: LAB_NOW=<epoch> shifts the clock (seedHistory and `lab clock advance` replay due runs); it is read,
# never required. On a shifted clock the script's waits advance that clock instead of sleeping.

GVCB_DATE=2025_10_30
GVCB_REV=1

# ---------------------------------------------------------------- settings (script defaults, ghettovcb.md 2.3)
VM_BACKUP_VOLUME=/vmfs/volumes/mini-local-datastore-hdd/backups
DISK_BACKUP_FORMAT=thin
VM_BACKUP_ROTATION_COUNT=3
POWER_VM_DOWN_BEFORE_BACKUP=0
ENABLE_HARD_POWER_OFF=0
ITER_TO_WAIT_SHUTDOWN=3
POWER_DOWN_TIMEOUT=5
SNAPSHOT_TIMEOUT=15
ENABLE_COMPRESSION=0
VM_SNAPSHOT_MEMORY=0
VM_SNAPSHOT_QUIESCE=0
ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP=0
ENABLE_NON_PERSISTENT_NFS=0
UNMOUNT_NFS=0
NFS_SERVER=172.51.0.192
NFS_VERSION=nfs
NFS_MOUNT=/upload
NFS_LOCAL_NAME=backup
NFS_VM_BACKUP_DIR=mybackups
EMAIL_ALERT=0
EMAIL_LOG=0
EMAIL_DELAY_INTERVAL=1
EMAIL_SERVER=auroa.primp-industries.com
EMAIL_SERVER_PORT=25
EMAIL_USER_NAME=
EMAIL_USER_PASSWORD=
EMAIL_FROM=root@ghettoVCB
EMAIL_TO=auroa@primp-industries.com
EMAIL_ERRORS_TO=
VM_SHUTDOWN_ORDER=
VM_STARTUP_ORDER=
RSYNC_LINK=0
BACKUP_FILES_CHMOD=
ENABLE_NFS_IO_HACK=0
NFS_IO_HACK_LOOP_MAX=10
NFS_IO_HACK_SLEEP_TIMER=60
NFS_BACKUP_DELAY=0
WORKDIR_DEBUG=0
VMDK_FILES_TO_BACKUP=all
LOG_LEVEL=info

# ---------------------------------------------------------------- clock
T0=$(date +%s)
# epoch seconds "now" on the (possibly shifted) host clock
clock_epoch() {
    if [ -n "${LAB_NOW}" ]; then
        echo $((LAB_NOW + $(date +%s) - T0))
    else
        date +%s
    fi
}
# date(1) formatting of "now"
clock_fmt() {
    if [ -n "${LAB_NOW}" ]; then
        date -u -d "@$(clock_epoch)" "$1"
    else
        date "$1"
    fi
}

# sleep on the host clock: on a shifted clock (LAB_NOW) time is simulated, so waiting moves the clock instead of
# the script sitting idle (the simulated commands see the moved clock through LAB_NOW too).
lab_sleep() {
    if [ -n "${LAB_NOW}" ]; then
        LAB_NOW=$((LAB_NOW + $1))
        export LAB_NOW
    else
        sleep "$1"
    fi
}

# On a shifted clock the run begins at LAB_NOW itself: read through clock_epoch, a second ticking since T0 (more
# likely now that the lab's date reads the host's clock offset) would name the copies a second late.
if [ -n "${LAB_NOW}" ]; then
    VM_BACKUP_DIR_NAMING_CONVENTION=$(date -u -d "@${LAB_NOW}" +%F_%H-%M-%S)
else
    VM_BACKUP_DIR_NAMING_CONVENTION=$(clock_fmt +%F_%H-%M-%S)
fi

# The slow-NAS workaround is off in the script, which resets its loop values (ghettovcb.md 2.3).
if [ "${ENABLE_NFS_IO_HACK}" -eq 0 ]; then
    NFS_IO_HACK_LOOP_MAX=60
    NFS_IO_HACK_SLEEP_TIMER=1
fi

# ---------------------------------------------------------------- logging
# log <info|debug|dryrun> <message>: `<date> <time> -- <type>: <msg>` with echo -e expansion, to stdout (once the
# run owns the lock) and appended to the log file.
log() {
    LAST_TYPE=$1
    case "$1" in
        debug) [ "${LOG_LEVEL}" = "debug" ] || return 0 ;;
    esac
    _line="$(clock_fmt '+%F %H:%M:%S') -- $1: $2"
    [ "${STDOUT_LOG}" = "1" ] && echo -e "${_line}"
    [ -n "${LOG_OUTPUT}" ] && echo -e "${_line}" >> "${LOG_OUTPUT}"
    return 0
}

usage() {
    echo "###############################################################################"
    echo "#"
    echo "# ghettoVCB for ESX/ESXi 3.5, 4.x, 5.x, 6.x, 7.x & 8.x"
    echo "# Author: William Lam"
    echo "# http://www.virtuallyghetto.com/"
    echo "# Documentation: http://communities.vmware.com/docs/DOC-8760"
    echo "# Created: 11/17/2008"
    echo "# Last modified: ${GVCB_DATE} Version ${GVCB_REV}"
    echo "#"
    echo "###############################################################################"
    echo
    echo "Usage: $(basename "$0") [options]"
    echo
    echo "OPTIONS:"
    echo "   -a     Backup all VMs on host"
    echo "   -f     List of VMs to backup"
    echo "   -m     Name of VM to backup (overrides -f)"
    echo "   -j     Job name to show in email report subject (makes sense only in conjunction with -f)"
    echo "   -c     VM configuration directory for VM backups"
    echo "   -g     Path to global ghettoVCB configuration file"
    echo "   -l     File to output logging"
    echo "   -w     ghettoVCB work directory (default: /tmp/ghettoVCB.work)"
    echo "   -d     Debug level [info|debug|dryrun] (default: info)"
    echo
    echo "(e.g.)"
    echo -e "\nBackup list of VMs from a file (optionally include a job name for the email report)"
    echo -e "\t$0 -f vms_to_backup [ -j myJob ]"
    echo -e "\nBackup a single VM"
    echo -e "\t$0 -m vm_to_backup"
    echo -e "\nBackup all VMs residing on this host"
    echo -e "\t$0 -a"
    echo -e "\nBackup all VMs residing on this host except for the VMs in the exclusion list"
    echo -e "\t$0 -a -e vm_exclusion_list"
    echo -e "\nBackup VMs based on specific configuration located in directory"
    echo -e "\t$0 -f vms_to_backup -c vm_backup_configs"
    echo -e "\nBackup VMs using global ghettoVCB configuration file"
    echo -e "\t$0 -f vms_to_backup -g /global/ghettoVCB.conf"
    echo -e "\nOutput will log to /tmp/ghettoVCB.log (consider logging to local or remote datastore to persist logs)"
    echo -e "\t$0 -f vms_to_backup -l /vmfs/volume/local-storage/ghettoVCB.log"
    echo -e "\nDry run (no backup will take place)"
    echo -e "\t$0 -f vms_to_backup -d dryrun"
    echo
}

# ---------------------------------------------------------------- configuration
# Keys a conf file may set that are restored between VMs when -c finds no per-VM file (ghettovcb.md 2.2).
PER_VM_KEYS="VM_BACKUP_VOLUME DISK_BACKUP_FORMAT VM_BACKUP_ROTATION_COUNT POWER_VM_DOWN_BEFORE_BACKUP ENABLE_HARD_POWER_OFF ITER_TO_WAIT_SHUTDOWN POWER_DOWN_TIMEOUT SNAPSHOT_TIMEOUT ENABLE_COMPRESSION VM_SNAPSHOT_MEMORY VM_SNAPSHOT_QUIESCE ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP VMDK_FILES_TO_BACKUP EMAIL_LOG WORKDIR_DEBUG VM_SHUTDOWN_ORDER VM_STARTUP_ORDER ENABLE_NFS_IO_HACK NFS_IO_HACK_LOOP_MAX NFS_IO_HACK_SLEEP_TIMER NFS_BACKUP_DELAY"

remember_defaults() {
    for _k in ${PER_VM_KEYS}; do
        eval "SAVED_${_k}=\"\${${_k}}\""
    done
}

restore_defaults() {
    for _k in ${PER_VM_KEYS}; do
        eval "${_k}=\"\${SAVED_${_k}}\""
    done
}

dump_config() {
    log info "CONFIG - VERSION = ${GVCB_DATE}_${GVCB_REV}"
    log info "CONFIG - GHETTOVCB_PID = ${GHETTOVCB_PID}"
    log info "CONFIG - VM_BACKUP_VOLUME = ${VM_BACKUP_VOLUME}"
    log info "CONFIG - ENABLE_NON_PERSISTENT_NFS = ${ENABLE_NON_PERSISTENT_NFS}"
    if [ "${ENABLE_NON_PERSISTENT_NFS}" -eq 1 ]; then
        log info "CONFIG - UNMOUNT_NFS = ${UNMOUNT_NFS}"
        log info "CONFIG - NFS_SERVER = ${NFS_SERVER}"
        log info "CONFIG - NFS_VERSION = ${NFS_VERSION}"
        log info "CONFIG - NFS_MOUNT = ${NFS_MOUNT}"
    fi
    log info "CONFIG - VM_BACKUP_ROTATION_COUNT = ${VM_BACKUP_ROTATION_COUNT}"
    log info "CONFIG - VM_BACKUP_DIR_NAMING_CONVENTION = ${VM_BACKUP_DIR_NAMING_CONVENTION}"
    log info "CONFIG - DISK_BACKUP_FORMAT = ${DISK_BACKUP_FORMAT}"
    log info "CONFIG - POWER_VM_DOWN_BEFORE_BACKUP = ${POWER_VM_DOWN_BEFORE_BACKUP}"
    log info "CONFIG - ENABLE_HARD_POWER_OFF = ${ENABLE_HARD_POWER_OFF}"
    log info "CONFIG - ITER_TO_WAIT_SHUTDOWN = ${ITER_TO_WAIT_SHUTDOWN}"
    log info "CONFIG - POWER_DOWN_TIMEOUT = ${POWER_DOWN_TIMEOUT}"
    log info "CONFIG - SNAPSHOT_TIMEOUT = ${SNAPSHOT_TIMEOUT}"
    log info "CONFIG - LOG_LEVEL = ${LOG_LEVEL}"
    log info "CONFIG - BACKUP_LOG_OUTPUT = ${LOG_OUTPUT}"
    log info "CONFIG - ENABLE_COMPRESSION = ${ENABLE_COMPRESSION}"
    log info "CONFIG - VM_SNAPSHOT_MEMORY = ${VM_SNAPSHOT_MEMORY}"
    log info "CONFIG - VM_SNAPSHOT_QUIESCE = ${VM_SNAPSHOT_QUIESCE}"
    log info "CONFIG - ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP = ${ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP}"
    log info "CONFIG - VMDK_FILES_TO_BACKUP = ${VMDK_FILES_TO_BACKUP}"
    log info "CONFIG - VM_SHUTDOWN_ORDER = ${VM_SHUTDOWN_ORDER}"
    log info "CONFIG - VM_STARTUP_ORDER = ${VM_STARTUP_ORDER}"
    log info "CONFIG - RSYNC_LINK = ${RSYNC_LINK}"
    log info "CONFIG - BACKUP_FILES_CHMOD = ${BACKUP_FILES_CHMOD}"
    log info "CONFIG - EMAIL_LOG = ${EMAIL_LOG}"
    if [ "${EMAIL_LOG}" -eq 1 ]; then
        log info "CONFIG - EMAIL_SERVER = ${EMAIL_SERVER}"
        log info "CONFIG - EMAIL_SERVER_PORT = ${EMAIL_SERVER_PORT}"
        log info "CONFIG - EMAIL_DELAY_INTERVAL = ${EMAIL_DELAY_INTERVAL}"
        log info "CONFIG - EMAIL_FROM = ${EMAIL_FROM}"
        log info "CONFIG - EMAIL_TO = ${EMAIL_TO}"
        log info "CONFIG - WORKDIR_DEBUG = ${WORKDIR_DEBUG}"
    fi
    log info "CONFIG - ENABLE_NFS_IO_HACK = ${ENABLE_NFS_IO_HACK}"
    if [ "${ENABLE_NFS_IO_HACK}" -eq 1 ]; then
        log info "CONFIG - NFS_IO HACK_LOOP_MAX = ${NFS_IO_HACK_LOOP_MAX}"
        log info "CONFIG - NFS_IO HACK_SLEEP_TIMER = ${NFS_IO_HACK_SLEEP_TIMER}"
        log info "CONFIG - NFS_BACKUP_DELAY = ${NFS_BACKUP_DELAY}"
    fi
}

# ---------------------------------------------------------------- environment checks (ghettovcb.md 9.1)
preflight() {
    _user=$(env | grep -e '^USER=' | sed 's/^USER=//')
    if [ -n "${_user}" ] && [ "${_user}" != "root" ]; then
        log info "This script needs to be executed by \"root\"!"
        echo "ERROR: This script needs to be executed by \"root\"!"
        exit 1
    fi

    if [ "${HAVE_GLOBAL_CONF}" = "1" ]; then
        . "${GLOBAL_CONF}"
    fi

    STDOUT_LOG=1
    if [ -z "${LOG_OUTPUT}" ]; then
        LOG_OUTPUT="/tmp/ghettoVCB-$(clock_fmt +%F_%H-%M-%S)-$$.log"
        echo "Logging output to \"${LOG_OUTPUT}\" ..."
    fi
    touch "${LOG_OUTPUT}"

    if [ "${ALL_VMS}" != "1" ] && [ "${HAVE_VM_CONF}" != "1" ] && [ ! -f "${VM_FILE}" ]; then
        log info "ERROR: \"${VM_FILE}\" is not valid VM input file!"
        usage
        exit 1
    fi
    if [ "${HAVE_EXCLUSIONS}" = "1" ] && [ ! -f "${EXCLUSION_FILE}" ]; then
        log info "ERROR: \"${EXCLUSION_FILE}\" is not valid VM exclusion input file!"
        usage
        exit 1
    fi
    if [ "${HAVE_VM_CONF}" = "1" ] && [ ! -d "${CONFIG_DIR}" ]; then
        log info "ERROR: \"${CONFIG_DIR}\" is not valid directory!"
        usage
        exit 1
    fi
    if [ "${HAVE_GLOBAL_CONF}" = "1" ] && [ ! -f "${GLOBAL_CONF}" ]; then
        log info "ERROR: \"${GLOBAL_CONF}\" is not valid global configuration file!"
        usage
        exit 1
    fi

    if [ -f /usr/bin/vmware-vim-cmd ]; then
        VIMCMD=/usr/bin/vmware-vim-cmd
        VMKFSTOOLS=/usr/sbin/vmkfstools
    elif [ -f /bin/vim-cmd ]; then
        VIMCMD=/bin/vim-cmd
        VMKFSTOOLS=/sbin/vmkfstools
    else
        log info "ERROR: Unable to locate *vimsh*!"
        echo "ERROR: Unable to locate *vimsh*!"
        exit 1
    fi

    # -a is passed to vmkfstools only while its help lists --adaptertype without calling it deprecated.
    _adapter_help=$(${VMKFSTOOLS} -h 2>&1 | grep -F -e '--adaptertype')
    if [ -z "${_adapter_help}" ] || echo "${_adapter_help}" | grep -qF deprecated; then
        NO_ADAPTER_OPTION=1
    else
        echo "${_adapter_help}"
    fi

    ESX_VERSION=$(vmware -v | awk '{print $3}')
    case "${ESX_VERSION}" in
        9.0.0|9.0.1) VER=9 ;;
        8.0.0|8.0.1|8.0.2|8.0.3) VER=8 ;;
        7.0.0|7.0.1|7.0.2|7.0.3) VER=7 ;;
        6.0.0|6.5.0|6.7.0) VER=6 ;;
        5.0.0|5.1.0|5.5.0) VER=5 ;;
        4.0.0|4.1.0) VER=4 ;;
        3.5.0|3i) VER=3 ;;
        *) echo "ESX(i) version not supported!"; exit 1 ;;
    esac

    # Modern hosts remove a snapshot by id; the no-argument usage text says whether this one does.
    SNAPSHOT_BY_ID=0
    ${VIMCMD} vmsvc/snapshot.remove 2>&1 | grep -q snapshotId && SNAPSHOT_BY_ID=1

    # No SMTP client in the lab: the e-mail report is never sent.
    EMAIL_LOG=0

    TAR=tar
    [ -f /bin/tar ] || TAR="busybox tar"

    if [ "${DISK_BACKUP_FORMAT}" = "2gbsparse" ] && [ "${VER}" -ge 5 ] && [ "${VER}" -le 7 ]; then
        if ! esxcli system module list | grep -q multiextent; then
            log info "multiextent VMkernel module is not loaded & is required for 2gbsparse, enabling ..."
            esxcli system module load -m multiextent
        fi
    fi
}

# ---------------------------------------------------------------- helpers
# field <n> of the vms_list line of the current VM, quotes and brackets removed
vm_field() {
    echo "${VM_LINE}" | awk -F ';' "{print \$$1}" | sed 's/\[//;s/\]//;s/"//g'
}

power_state() {
    ${VIMCMD} vmsvc/power.getstate "$1" | tail -1
}

# ds_numbers <datastore>: sets DS_CAP_GB DS_FREE_GB DS_BS DS_MAX from `hostsvc/datastore/info` (3rd field of the
# capacity / freespace / blockSizeMb lines, like the script; "capacity" also matches maxVirtualDiskCapacity)
ds_numbers() {
    _info=$(${VIMCMD} hostsvc/datastore/info "$1" 2>&1)
    DS_CAP_GB=$(echo "${_info}" | grep -i capacity | awk '{print $3}' | sed 's/,//g' | awk '{printf "%.1f\n",$1/1024/1024/1024}')
    DS_FREE_GB=$(echo "${_info}" | grep -i freespace | awk '{print $3}' | sed 's/,//g' | awk '{printf "%.1f\n",$1/1024/1024/1024}')
    DS_BS=$(echo "${_info}" | grep -i blockSizeMb | awk '{print $3}' | sed 's/,//g')
    case "${DS_BS}" in
        "") DS_BS=NA; DS_MAX=NA ;;
        1) DS_MAX="256 GB" ;;
        2) DS_MAX="512 GB" ;;
        4) DS_MAX="1024 GB" ;;
        8) DS_MAX="2048 GB" ;;
        *) DS_MAX= ;;
    esac
}

# datastore_figures <before|after>: the debug storage report (ghettovcb.md 5.3); the calls happen at every level
datastore_figures() {
    _dst_rel=${VM_BACKUP_VOLUME#/*/*/}
    _dst_ds=${_dst_rel%%/*}
    ds_numbers "${VMFS_VOLUME}"
    _src_cap=${DS_CAP_GB}
    _src_free=${DS_FREE_GB}
    _src_bs=${DS_BS}
    _src_max=${DS_MAX}
    ds_numbers "${_dst_ds}"
    log debug "Storage Information $1 backup: "
    log debug "SRC_DATASTORE: ${VMFS_VOLUME}"
    log debug "SRC_DATASTORE_CAPACITY: ${_src_cap} GB"
    log debug "SRC_DATASTORE_FREE: ${_src_free} GB"
    log debug "SRC_DATASTORE_BLOCKSIZE: ${_src_bs}"
    log debug "SRC_DATASTORE_MAX_FILE_SIZE: ${_src_max}"
    log debug ""
    log debug "DST_DATASTORE: ${_dst_ds}"
    log debug "DST_DATASTORE_CAPACITY: ${DS_CAP_GB} GB"
    log debug "DST_DATASTORE_FREE: ${DS_FREE_GB} GB"
    log debug "DST_DATASTORE_BLOCKSIZE: ${DS_BS}"
    log debug "DST_DATASTORE_MAX_FILE_SIZE: ${DS_MAX}"
    if [ "${_src_bs}" != NA ] && [ "${DS_BS}" != NA ] && [ "${_src_bs}" -lt "${DS_BS}" ]; then
        log debug ""
        log debug "SRC VMFS blocksze of ${_src_bs}MB is less than DST VMFS blocksize of ${DS_BS}MB which can be an issue for VM snapshots"
    fi
    log debug ""
}

# disks_of_vm: fills DISK_LIST / INDEPENDENT_LIST as `disk###GB:` runs (newest-first order, like the script) and
# TOTAL_GB, reading the .vmx the way ghettovcb.md 9.10 describes.
disks_of_vm() {
    DISK_LIST=
    INDEPENDENT_LIST=
    TOTAL_GB=0
    for _slot in $(grep -iE '^(scsi|ide|sata|nvme)' "${VMX_PATH}" | grep -i 'fileName' | awk '{print $1}' | sed 's/\..*$//'); do
        grep -i "^${_slot}.present" "${VMX_PATH}" | grep -qi true || continue
        _file=$(grep -i "^${_slot}.fileName" "${VMX_PATH}" | awk -F '"' '{print $2}')
        if ! grep -i "^${_slot}.deviceType" "${VMX_PATH}" | grep -qi 'scsi-hardDisk'; then
            echo "${_file}" | grep -qi '\.vmdk' || continue
        fi
        case "${_file}" in
            /vmfs/volumes/*) _desc=${_file} ;;
            *) _desc="${VMX_DIR}/${_file}" ;;
        esac
        _sectors=$(grep VMFS "${_desc}" 2>/dev/null | grep '\.vmdk' | awk '{print $2}')
        _gb=$(echo "${_sectors}" | awk '{printf "%.0f\n",$1*512/1024/1024/1024}')
        if grep -i "^${_slot}.mode" "${VMX_PATH}" | grep -qi independent; then
            INDEPENDENT_LIST="${_file}###${_gb}:${INDEPENDENT_LIST}"
        else
            DISK_LIST="${_file}###${_gb}:${DISK_LIST}"
            TOTAL_GB=$((TOTAL_GB + _gb))
        fi
    done
    log debug "getVMDKs() - ${DISK_LIST}"
}

# wanted_disk <disk>: is it in VMDK_FILES_TO_BACKUP (or is that "all")? The search is logged either way.
wanted_disk() {
    log debug "findVMDK() - Searching for VMDK: \"$1\" to backup"
    _found=1
    _ifs=${IFS}
    IFS=,
    for _w in ${VMDK_FILES_TO_BACKUP}; do
        if [ "${_w}" = "$1" ]; then
            log debug "findVMDK() - Found VMDK! - \"$1\" to backup"
            _found=0
        fi
    done
    IFS=${_ifs}
    [ "${VMDK_FILES_TO_BACKUP}" = "all" ] && return 0
    return ${_found}
}

# clone_disk <disk>: copy one disk with vmkfstools, live output through tail -f, then into the log
clone_disk() {
    case "$1" in
        /vmfs/volumes/*)
            _src=$1
            _ds_dir=$(echo "$1" | awk -F / '{print $4}')
            mkdir -p "${VM_BACKUP_DIR}/${_ds_dir}"
            _dst="${VM_BACKUP_DIR}/${_ds_dir}/$(basename "$1")"
            ;;
        *)
            _src="${VMX_DIR}/$1"
            _dst="${VM_BACKUP_DIR}/$1"
            ;;
    esac
    if grep -q vmfsPassthroughRawDeviceMap "${_src}" 2>/dev/null || [ ! -r "${_src}" ]; then
        log info "WARNING: A physical RDM \"${_src}\" was found for ${VM_NAME}, which will not be backed up"
        DISK_ERROR=1
        return
    fi
    case "${DISK_BACKUP_FORMAT}" in
        zeroedthick|eagerzeroedthick)
            if [ "${VER}" -ge 4 ] && [ "${VER}" -le 7 ]; then _fmt="-d ${DISK_BACKUP_FORMAT}"; else _fmt=""; fi ;;
        2gbsparse) _fmt="-d 2gbsparse" ;;
        thin) _fmt="-d thin" ;;
        *)
            log info "ERROR: wrong DISK_BACKUP_FORMAT \"${DISK_BACKUP_FORMAT}\\ specified for ${VM_NAME}"
            DISK_ERROR=1
            return ;;
    esac
    _adapter=
    if [ "${NO_ADAPTER_OPTION}" != "1" ]; then
        _adapter=$(grep -i ddb.adapterType "${_src}" | awk -F = '{print $2}' | sed 's/[[:blank:]"]//g')
        [ -n "${_adapter}" ] && _adapter="-a ${_adapter}"
    fi
    _out=$(mktemp "${WORKDIR}/ghettovcb.XXXXXX")
    tail -f "${_out}" &
    _tail=$!
    log debug "${VMKFSTOOLS} -i \"${_src}\" ${_adapter} ${_fmt} \"${_dst}\""
    # shellcheck disable=SC2086
    ${VMKFSTOOLS} -i "${_src}" ${_adapter} ${_fmt} "${_dst}" > "${_out}" 2>&1
    _rc=$?
    kill "${_tail}"
    cat "${_out}" >> "${LOG_OUTPUT}"
    echo >> "${LOG_OUTPUT}"
    echo
    rm -f "${_out}"
    if [ "${_rc}" -ne 0 ]; then
        log info "ERROR: error in backing up of \"${_src}\" for ${VM_NAME}"
        DISK_ERROR=1
    fi
}

# snapshot_id_of <vmid> <name>: the id printed on the line after the snapshot's name
snapshot_id_of() {
    ${VIMCMD} vmsvc/snapshot.get "$1" | grep -E '(Snapshot Name|Snapshot Id)' | grep -A1 -F -- "$2" | grep 'Snapshot Id' | awk -F : '{print $2}' | sed 's/^[[:blank:]]*//;s/[[:blank:]]*$//'
}

# shut_down <name> <vmid>: guest shutdown with the 60 s polling of ghettovcb.md 9.5; sets POWER_DOWN_FAILED.
# Each pass: the hard power-off once ITER_TO_WAIT_SHUTDOWN passes are done, else a wait, then the give-up check.
shut_down() {
    POWER_DOWN_FAILED=0
    log info "Powering off initiated for $1, backup will not begin until VM is off..."
    ${VIMCMD} vmsvc/power.shutdown "$2" > /dev/null 2>&1
    _iter=0
    while power_state "$2" | grep -qi "Powered on"; do
        if [ "${ENABLE_HARD_POWER_OFF}" -eq 1 ] && [ "${_iter}" -ge "${ITER_TO_WAIT_SHUTDOWN}" ]; then
            log info "Hard power off occured for $1, waited for $((ITER_TO_WAIT_SHUTDOWN*60)) seconds"
            ${VIMCMD} vmsvc/power.off "$2" > /dev/null 2>&1
            lab_sleep 60
            break
        fi
        log info "VM is still on - Iteration: ${_iter} - sleeping for 60secs (Duration: $((_iter*60)) seconds)"
        lab_sleep 60
        if [ "${_iter}" -ge "${POWER_DOWN_TIMEOUT}" ]; then
            log info "Unable to power off $1, waited for $((POWER_DOWN_TIMEOUT*60)) seconds! Ignoring $1 for backup!"
            POWER_DOWN_FAILED=1
            return
        fi
        _iter=$((_iter + 1))
    done
    log info "VM is powerdOff"
}

# keep_newest <dir> <vm>: timestamp-mode rotation by mtime (ghettovcb.md 7)
keep_newest() {
    [ -z "${VM_BACKUP_ROTATION_COUNT}" ] && VM_BACKUP_ROTATION_COUNT=1
    _pattern="$2-[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}_[0-9]\{2\}-[0-9]\{2\}-[0-9]\{2\}"
    _keep=$(ls -t "$1" | grep "${_pattern}" | head -"${VM_BACKUP_ROTATION_COUNT}")
    _ifs=${IFS}
    IFS='
'
    for _entry in $(ls -t "$1" | grep "${_pattern}"); do
        _kept=0
        for _k in ${_keep}; do
            [ "${_k}" = "${_entry}" ] && _kept=1
        done
        if [ "${_kept}" -eq 0 ]; then
            log debug "Removing $1/${_entry}"
            rm -rf "$1/${_entry}"
        fi
    done
    IFS=${_ifs}
}

# shift_indexes <dir> <vm>: index-mode rotation (VM_BACKUP_DIR_NAMING_CONVENTION=0): from the highest index down,
# index count-1 is deleted and every other one moves up by one; a moved <vm>-0 folder is recreated empty.
shift_indexes() {
    _i=${VM_BACKUP_ROTATION_COUNT}
    while [ "${_i}" -ge 0 ]; do
        for _suffix in .gz ""; do
            _p="$1/$2-${_i}${_suffix}"
            if [ -n "${_suffix}" ]; then [ -f "${_p}" ] || continue; else [ -d "${_p}" ] || continue; fi
            if [ "${_i}" -eq $((VM_BACKUP_ROTATION_COUNT - 1)) ]; then
                if rm -rf "${_p}"; then log info "Deleted ${_p}"; else log info "Failure deleting ${_p}"; fi
            else
                if mv -f "${_p}" "$1/$2-$((_i + 1))${_suffix}"; then
                    log info "Moved ${_p} to $1/$2-$((_i + 1))${_suffix}"
                else
                    log info "Failure moving ${_p} to $1/$2-$((_i + 1))${_suffix}"
                fi
                [ -z "${_suffix}" ] && [ "${_i}" -eq 0 ] && mkdir "${_p}"
            fi
        done
        _i=$((_i - 1))
    done
}

# stamp_mtime <path>: on a shifted clock the folder must look as old as its name says (rotation sorts by mtime)
stamp_mtime() {
    [ -n "${LAB_NOW}" ] && [ -e "$1" ] && TZ=UTC touch -d "$(clock_fmt '+%Y-%m-%d %H:%M:%S')" "$1"
    return 0
}

make_rsync_link() {
    [ "${RSYNC_LINK}" -eq 1 ] || return 0
    _target="./${VM_NAME}-${VM_BACKUP_DIR_NAMING_CONVENTION}"
    [ "${ENABLE_COMPRESSION}" -eq 1 ] && _target="${_target}.gz"
    log info "Creating symlink \"${BACKUP_DIR}/${VM_NAME}-symlink\" to \"${_target}\""
    rm -f "${BACKUP_DIR}/${VM_NAME}-symlink"
    ln -sfn "${_target}" "${BACKUP_DIR}/${VM_NAME}-symlink"
}

# ---------------------------------------------------------------- one VM
dryrun_report() {
    log dryrun "###############################################"
    log dryrun "Virtual Machine: ${VM_NAME}"
    log dryrun "VM_ID: ${VM_ID}"
    log dryrun "VMX_PATH: ${VMX_PATH}"
    log dryrun "VMX_DIR: ${VMX_DIR}"
    log dryrun "VMX_CONF: ${VMX_CONF}"
    log dryrun "VMFS_VOLUME: ${VMFS_VOLUME}"
    log dryrun "VMDK(s): "
    disks_of_vm
    _ifs=${IFS}
    IFS=:
    for _d in ${DISK_LIST}; do
        log dryrun "\t${_d%%###*}\t${_d##*###} GB"
    done
    log dryrun "INDEPENDENT VMDK(s): "
    _indep=0
    for _d in ${INDEPENDENT_LIST}; do
        _indep=1
        log dryrun "\t${_d%%###*}\t${_d##*###} GB"
    done
    IFS=${_ifs}
    log dryrun "TOTAL_VM_SIZE_TO_BACKUP: ${TOTAL_GB} GB"
    if [ "${_indep}" -eq 1 ]; then
        log dryrun "Snapshots can not be taken for independent disks!"
        log dryrun "THIS VIRTUAL MACHINE WILL NOT HAVE ALL ITS VMDKS BACKED UP!"
    fi
    if ls "${VMX_DIR}" | grep -q -- '-delta\.vmdk'; then
        if [ "${ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP}" -eq 0 ]; then
            log dryrun "Snapshots found for this VM, please commit all snapshots before continuing!"
            log dryrun "THIS VIRTUAL MACHINE WILL NOT BE BACKED UP DUE TO EXISTING SNAPSHOTS!"
        else
            log dryrun "Snapshots found for this VM, ALL EXISTING SNAPSHOTS WILL BE CONSOLIDATED PRIOR TO BACKUP!"
        fi
    fi
    [ "${TOTAL_GB}" -eq 0 ] && log dryrun "THIS VIRTUAL MACHINE WILL NOT BE BACKED UP DUE TO EMPTY VMDK LIST!"
    log dryrun "###############################################\n"
}

backup_vm() {
    if ls "${VMX_DIR}" | grep -q -- '-delta\.vmdk'; then
        if [ "${ALLOW_VMS_WITH_SNAPSHOTS_TO_BE_BACKEDUP}" -eq 0 ]; then
            log info "Snapshot found for ${VM_NAME}, backup will not take place\n"
            VM_FAILED=1
            return
        fi
        log info "Snapshot found for ${VM_NAME}, consolidating ALL snapshots now (this can take awhile) ...\n"
        ${VIMCMD} vmsvc/snapshot.removeall "${VM_ID}" > /dev/null 2>&1
    fi

    if [ "${ENABLE_NON_PERSISTENT_NFS}" -eq 1 ]; then
        BACKUP_DIR="/vmfs/volumes/${NFS_LOCAL_NAME}/${NFS_VM_BACKUP_DIR}/${VM_NAME}"
        if [ -z "${VM_NAME}" ] || [ -z "${NFS_LOCAL_NAME}" ] || [ -z "${NFS_VM_BACKUP_DIR}" ]; then
            log info "ERROR: Variable BACKUP_DIR was not set properly, please ensure all required variables for non-persistent NFS backup option has been defined"
            exit 1
        fi
    else
        BACKUP_DIR="${VM_BACKUP_VOLUME}/${VM_NAME}"
        if [ -z "${VM_BACKUP_VOLUME}" ]; then
            log info "ERROR: Variable VM_BACKUP_VOLUME was not defined"
            exit 1
        fi
    fi
    if [ ! -d "${BACKUP_DIR}" ]; then
        mkdir -p "${BACKUP_DIR}"
        if [ ! -d "${BACKUP_DIR}" ]; then
            log info "Unable to create \"${BACKUP_DIR}\"! - Ensure VM_BACKUP_VOLUME was defined correctly"
            exit 1
        fi
    fi

    VM_BACKUP_DIR="${BACKUP_DIR}/${VM_NAME}-${VM_BACKUP_DIR_NAMING_CONVENTION}"
    [ "${VM_BACKUP_DIR_NAMING_CONVENTION}" = "0" ] && shift_indexes "${BACKUP_DIR}" "${VM_NAME}"
    mkdir -p "${VM_BACKUP_DIR}"
    cp "${VMX_PATH}" "${VM_BACKUP_DIR}"
    _nvram=$(grep nvram "${VMX_PATH}" | awk -F '"' '{print $2}')
    [ -n "${_nvram}" ] && [ -e "${VMX_DIR}/${_nvram}" ] && cp "${VMX_DIR}/${_nvram}" "${VM_BACKUP_DIR}"

    disks_of_vm
    GO_ON=1
    DISK_ERROR=0
    if [ "${VMDK_FILES_TO_BACKUP}" != "all" ]; then
        _valid=
        _ifs=${IFS}
        IFS=,
        for _w in ${VMDK_FILES_TO_BACKUP}; do
            _w=$(echo "${_w}" | sed 's/^[[:blank:]]*//;s/[[:blank:]]*$//')
            if echo ":${DISK_LIST}" | grep -qF ":${_w}###"; then
                _valid="${_valid},${_w}"
            else
                log info "WARNING: ${_w} not found in VMDKs for ${VM_NAME}"
                DISK_ERROR=1
                break
            fi
        done
        IFS=${_ifs}
        if [ -z "${_valid}" ]; then
            log info "ERROR: No valid VMDKs in list of VMDKs to backup for ${VM_NAME}"
            VM_FAILED=1
            GO_ON=0
        else
            VMDK_FILES_TO_BACKUP=${_valid}
        fi
    fi
    _has_indep=0
    [ -n "${INDEPENDENT_LIST}" ] && _has_indep=1

    START_STATE=$(power_state "${VM_ID}")
    if [ "${GO_ON}" -eq 1 ] && [ "${POWER_VM_DOWN_BEFORE_BACKUP}" -eq 1 ]; then
        shut_down "${VM_NAME}" "${VM_ID}"
        if [ "${POWER_DOWN_FAILED}" -eq 1 ]; then
            VM_FAILED=1
            GO_ON=0
        fi
    fi
    if [ "${GO_ON}" -ne 1 ]; then
        log info "ERROR: Failed to backup ${VM_NAME}!\n"
        VM_FAILED=1
        return
    fi

    log info "Initiate backup for ${VM_NAME}"
    VM_T0=$(clock_epoch)
    SNAP_OK=1
    if [ "${POWER_VM_DOWN_BEFORE_BACKUP}" -ne 1 ] && [ "${START_STATE}" != "Powered off" ]; then
        SNAP_NAME="ghettoVCB-snapshot-$(clock_fmt +%F)"
        log info "Creating Snapshot \"${SNAP_NAME}\" for ${VM_NAME}"
        ${VIMCMD} vmsvc/snapshot.create "${VM_ID}" "${SNAP_NAME}" "${SNAP_NAME}" "${VM_SNAPSHOT_MEMORY}" "${VM_SNAPSHOT_QUIESCE}" > /dev/null 2>&1
        log debug "Waiting for snapshot \"${SNAP_NAME}\" to be created"
        log debug "Snapshot timeout set to: $((SNAPSHOT_TIMEOUT*60)) seconds"
        _iter=0
        while [ "$(${VIMCMD} vmsvc/snapshot.get "${VM_ID}" | wc -l)" -eq 1 ]; do
            if [ "${_iter}" -ge "${SNAPSHOT_TIMEOUT}" ]; then
                log info "Snapshot timed out, failed to create snapshot: \"${SNAP_NAME}\" for ${VM_NAME}"
                SNAP_OK=0
                echo "ERROR: Unable to backup ${VM_NAME} due to snapshot creation" >> "${VM_BACKUP_DIR}/STATUS.error"
                break
            fi
            log debug "Waiting for snapshot creation to be completed - Iteration: ${_iter} - sleeping for 60secs (Duration: $((_iter*30)) seconds)"
            lab_sleep 60
            _iter=$((_iter + 1))
        done
    fi

    if [ "${SNAP_OK}" -eq 1 ]; then
        _ifs=${IFS}
        IFS=:
        for _d in ${DISK_LIST}; do
            IFS=${_ifs}
            _disk=${_d%%###*}
            wanted_disk "${_disk}" && clone_disk "${_disk}"
            IFS=:
        done
        IFS=${_ifs}
    fi

    # The real script's test groups as (snapshot ok && no power-down && on) || suspended: kept on purpose.
    if { [ "${SNAP_OK}" -eq 1 ] && [ "${POWER_VM_DOWN_BEFORE_BACKUP}" -ne 1 ] && [ "${START_STATE}" = "Powered on" ]; } || [ "${START_STATE}" = "Suspended" ]; then
        if [ "${SNAPSHOT_BY_ID}" -eq 1 ]; then
            ${VIMCMD} vmsvc/snapshot.remove "${VM_ID}" "$(snapshot_id_of "${VM_ID}" "${SNAP_NAME}")" > /dev/null 2>&1
        else
            ${VIMCMD} vmsvc/snapshot.remove "${VM_ID}" > /dev/null 2>&1
        fi
        log info "Removing snapshot from ${VM_NAME} ..."
        while ls "${VMX_DIR}" | grep -q -- '-delta\.vmdk'; do
            lab_sleep 5
        done
    fi

    if [ "${POWER_VM_DOWN_BEFORE_BACKUP}" -eq 1 ] && [ "${START_STATE}" = "Powered on" ]; then
        log info "Powering back on ${VM_NAME}"
        ${VIMCMD} vmsvc/power.on "${VM_ID}" > /dev/null 2>&1
    fi

    ARCHIVE_OK=0
    if [ "${ENABLE_COMPRESSION}" -eq 1 ]; then
        _archive="${BACKUP_DIR}/${VM_NAME}-${VM_BACKUP_DIR_NAMING_CONVENTION}.gz"
        log info "Compressing VM backup \"${_archive}\"..."
        if ${TAR} -cz -C "${BACKUP_DIR}" "${VM_NAME}-${VM_BACKUP_DIR_NAMING_CONVENTION}" -f "${_archive}" && [ -f "${_archive}" ]; then
            log info "Successfully compressed backup for ${VM_NAME}!\n"
            ARCHIVE_OK=1
        else
            log info "Error in compressing ${VM_NAME}!\n"
        fi
        rm -rf "${VM_BACKUP_DIR}"
        stamp_mtime "${_archive}"
    else
        stamp_mtime "${VM_BACKUP_DIR}"
    fi
    [ "${VM_BACKUP_DIR_NAMING_CONVENTION}" != "0" ] && keep_newest "${BACKUP_DIR}" "${VM_NAME}"

    _secs=$(( $(clock_epoch) - VM_T0 ))
    if [ "${_secs}" -le 60 ]; then
        log info "Backup Duration: ${_secs} Seconds"
    else
        log info "Backup Duration: $(awk "BEGIN{ printf \"%.2f\n\", ${_secs}/60 }") Minutes"
    fi

    # STATUS marker: never for a compressed backup that succeeded (its folder is gone).
    _marker=1
    [ "${ENABLE_COMPRESSION}" -eq 1 ] && [ "${ARCHIVE_OK}" -eq 1 ] && _marker=0
    if [ "${SNAP_OK}" -ne 1 ]; then
        log info "ERROR: Unable to backup ${VM_NAME} due to snapshot creation!\n"
        [ "${_marker}" -eq 1 ] && echo "ERROR: Unable to backup ${VM_NAME} due to snapshot creation" >> "${VM_BACKUP_DIR}/STATUS.error"
        VM_FAILED=1
    elif [ "${DISK_ERROR}" -ne 0 ]; then
        log info "ERROR: Unable to backup ${VM_NAME} due to error in VMDK backup!\n"
        [ "${_marker}" -eq 1 ] && echo "ERROR: Unable to backup ${VM_NAME} due to error in VMDK backup" >> "${VM_BACKUP_DIR}/STATUS.error"
        VMDK_FAILED=1
    elif [ "${_has_indep}" -eq 1 ]; then
        log info "WARN: ${VM_NAME} has some Independent VMDKs that can not be backed up!\n"
        [ "${_marker}" -eq 1 ] && echo "WARN: ${VM_NAME} has some Independent VMDKs that can not be backed up" > "${VM_BACKUP_DIR}/STATUS.warn"
        VMDK_FAILED=1
        make_rsync_link
        datastore_figures after
    else
        log info "Successfully completed backup for ${VM_NAME}!\n"
        [ "${_marker}" -eq 1 ] && echo "Successfully completed backup" > "${VM_BACKUP_DIR}/STATUS.ok"
        VM_OK=1
        make_rsync_link
        [ -n "${BACKUP_FILES_CHMOD}" ] && chmod -R "${BACKUP_FILES_CHMOD}" "${VM_BACKUP_DIR}"
        datastore_figures after
    fi
    [ "${_marker}" -eq 1 ] && stamp_mtime "${VM_BACKUP_DIR}"
    return 0
}

# ---------------------------------------------------------------- the run
run_all() {
    VM_OK=0
    VM_FAILED=0
    VMDK_FAILED=0
    PROBLEM_VMS=

    log debug "HOST VERSION: $(vmware -v)"
    log debug "HOST LEVEL: $(vmware -l)"
    log debug "HOSTNAME: $(hostname)\n"

    if [ "${ENABLE_NON_PERSISTENT_NFS}" -eq 1 ]; then
        VM_BACKUP_VOLUME="/vmfs/volumes/${NFS_LOCAL_NAME}/${NFS_VM_BACKUP_DIR}"
        if [ "${LOG_LEVEL}" != "dryrun" ]; then
            log debug "Mounting NFS: ${NFS_SERVER}:${NFS_MOUNT} to /vmfs/volume/${NFS_LOCAL_NAME}"
            ${VIMCMD} hostsvc/datastore/nas_create "${NFS_LOCAL_NAME}" "${NFS_VERSION}" "${NFS_MOUNT}" 0 "${NFS_SERVER}"
        fi
    fi

    remember_defaults
    [ "${HAVE_GLOBAL_CONF}" = "1" ] && log info "CONFIG - USING GLOBAL GHETTOVCB CONFIGURATION FILE = ${GLOBAL_CONF}"
    [ "${HAVE_VM_CONF}" = "1" ] || dump_config

    # Inventory as the script reads it (ghettovcb.md 9.2): runs of 3+ blanks collapsed, rows kept only if they look
    # like `[ds] dir/x.vmx ... vmx-NN`, first three fields as "id";"name";"[ds]";"path".
    ${VIMCMD} vmsvc/getallvms | sed 's/[[:blank:]]\{3,\}/   /g' | grep -F '[' | grep -F 'vmx-' | grep -F '.vmx' | grep -F '/' \
        | awk -F '   ' '{print "\""$1"\";\""$2"\";\""$3"\""}' | sed 's/\] /]";"/g' > "${WORKDIR}/vms_list"
    if [ "${ALL_VMS}" = "1" ]; then
        ${VIMCMD} vmsvc/getallvms | sed 's/[[:blank:]]\{3,\}/   /g' | grep -F '[' | grep -F 'vmx-' | grep -F '.vmx' | grep -F '/' \
            | awk -F '   ' '{print $2}' | sed '/^$/d' > "${VM_FILE}"
    fi

    _ifs=${IFS}
    IFS='
'
    if [ -n "${VM_SHUTDOWN_ORDER}" ] && [ "${LOG_LEVEL}" != "dryrun" ]; then
        log debug "VM Shutdown Order: ${VM_SHUTDOWN_ORDER}\n"
        IFS=,
        for _n in ${VM_SHUTDOWN_ORDER}; do
            _id=$(grep -E "\"${_n}\"" "${WORKDIR}/vms_list" | awk -F ';' '{print $1}' | sed 's/"//g')
            shut_down "${_n}" "${_id}"
            if [ "${POWER_DOWN_FAILED}" -eq 1 ]; then
                log debug "Error unable to shutdown VM ${_n}\n"
                PROBLEM_VMS="${PROBLEM_VMS} ${_n}"
            fi
        done
        IFS='
'
    fi

    for VM_NAME in $(grep -v '^#' "${VM_FILE}" | sed '/^$/d' | sed 's/^[[:blank:]]*//;s/[[:blank:]]*$//'); do
        IFS=${_ifs}
        SKIP_VM=0
        if [ "${HAVE_EXCLUSIONS}" = "1" ] && grep -qE "^${VM_NAME}\$" "${EXCLUSION_FILE}" 2>/dev/null; then
            SKIP_VM=1
        fi
        if [ "${SKIP_VM}" -eq 0 ] && [ -n "${PROBLEM_VMS}" ] && [ "$(echo "${PROBLEM_VMS}" | sed "s@${VM_NAME}@@")" != "${PROBLEM_VMS}" ]; then
            log info "Ignoring ${VM_NAME} as a problem VM\n"
            SKIP_VM=1
            VM_FAILED=1
        fi

        # The name is used as an extended regular expression, exactly like the real script (ghettovcb.md 9.2).
        VM_LINE=$(grep -E "\"${VM_NAME}\"" "${WORKDIR}/vms_list")
        VM_ID=$(vm_field 1)
        if [ "${HAVE_VM_CONF}" = "1" ] && [ -n "${VM_ID}" ]; then
            if [ -e "${CONFIG_DIR}/${VM_NAME}" ]; then
                log info "CONFIG - USING CONFIGURATION FILE = ${CONFIG_DIR}/${VM_NAME}"
                . "${CONFIG_DIR}/${VM_NAME}"
            else
                restore_defaults
            fi
            dump_config
        fi
        VMFS_VOLUME=$(vm_field 3)
        VMX_CONF=$(vm_field 4)
        VMX_PATH="/vmfs/volumes/${VMFS_VOLUME}/${VMX_CONF}"
        VMX_DIR=$(dirname "${VMX_PATH}")

        [ -n "${VM_ID}" ] && [ "${LOG_LEVEL}" != "dryrun" ] && datastore_figures before

        if [ "${SKIP_VM}" -eq 1 ]; then
            log debug "Ignoring ${VM_NAME} for backup since it is located in exclusion file or problem list\n"
        elif [ -z "${VM_ID}" ]; then
            log info "ERROR: failed to locate and extract VM_ID for ${VM_NAME}!\n"
            VM_FAILED=1
        elif [ "${LOG_LEVEL}" = "dryrun" ]; then
            dryrun_report
        elif [ -f "${VMX_PATH}" ]; then
            backup_vm
        fi
        IFS='
'
    done
    IFS=${_ifs}

    if [ -n "${VM_STARTUP_ORDER}" ] && [ "${LOG_LEVEL}" != "dryrun" ]; then
        log debug "VM Startup Order: ${VM_STARTUP_ORDER}\n"
        IFS=,
        for _n in ${VM_STARTUP_ORDER}; do
            IFS=${_ifs}
            _id=$(grep -E "\"${_n}\"" "${WORKDIR}/vms_list" | awk -F ';' '{print $1}' | sed 's/"//g')
            log info "Powering on initiated for ${_n}"
            ${VIMCMD} vmsvc/power.on "${_id}" > /dev/null 2>&1
            _iter=0
            while ${VIMCMD} vmsvc/get.guest "${_id}" 2>&1 | grep -qi toolsNotRunning; do
                if [ "${_iter}" -ge "${POWER_DOWN_TIMEOUT}" ]; then
                    log info "Unable to detect started tools on ${_n}, waited for $((_iter*60)) seconds!"
                    log info "Unable to detect fully powered on VM ${_n}\n"
                    break
                fi
                log info "VM is still not booted - Iteration: ${_iter} - sleeping for 60secs (Duration: $((_iter*60)) seconds)"
                lab_sleep 60
                _iter=$((_iter + 1))
            done
            [ "${_iter}" -lt "${POWER_DOWN_TIMEOUT}" ] && log info "VM is powerdOn"
            IFS=,
        done
        IFS=${_ifs}
    fi

    if [ "${ENABLE_NON_PERSISTENT_NFS}" -eq 1 ] && [ "${UNMOUNT_NFS}" -eq 1 ] && [ "${LOG_LEVEL}" != "dryrun" ]; then
        log debug "Sleeping for 30seconds before unmounting NFS volume"
        lab_sleep 30
        ${VIMCMD} hostsvc/datastore/destroy "${NFS_LOCAL_NAME}"
    fi
}

# final_status: the Final status line and exit code (ghettovcb.md 5.5); the dryrun test looks at the type of the
# last message logged, not at -d, as the real script does.
final_status() {
    if [ "${LAST_TYPE}" = "dryrun" ]; then
        STATUS_TEXT="###### Final status: OK, only a dryrun. ######"; RC=0
    elif [ -z "${VM_OK}" ]; then
        # Lock failure: the flags were never set, so busybox's [[ ]] tests in the real script complain like this.
        printf 'sh: bad number\nsh: 1: unknown operand\nsh: 1: unknown operand\nsh: 1: unknown operand\nsh: 1: unknown operand\nsh: 0: unknown operand\nsh: 0: unknown operand\nsh: 0: unknown operand\nsh: bad number\nsh: bad number\n' >&2
        STATUS_TEXT=""; RC=1
    elif [ "${VM_OK}" -eq 1 ] && [ "${VM_FAILED}" -eq 0 ] && [ "${VMDK_FAILED}" -eq 0 ]; then
        STATUS_TEXT="###### Final status: All VMs backed up OK! ######"; RC=0
    elif [ "${VM_OK}" -eq 1 ] && [ "${VM_FAILED}" -eq 0 ] && [ "${VMDK_FAILED}" -eq 1 ]; then
        STATUS_TEXT="###### Final status: WARNING: All VMs backed up, but some disk(s) failed! ######"; RC=3
    elif [ "${VM_OK}" -eq 1 ] && [ "${VM_FAILED}" -eq 1 ] && [ "${VMDK_FAILED}" -eq 0 ]; then
        STATUS_TEXT="###### Final status: ERROR: Only some of the VMs backed up! ######"; RC=4
    elif [ "${VM_OK}" -eq 1 ] && [ "${VM_FAILED}" -eq 1 ] && [ "${VMDK_FAILED}" -eq 1 ]; then
        STATUS_TEXT="###### Final status: ERROR: Only some of the VMs backed up, and some disk(s) failed! ######"; RC=5
    elif [ "${VM_FAILED}" -eq 1 ]; then
        STATUS_TEXT="###### Final status: ERROR: All VMs failed! ######"; RC=6
    elif [ "${VMDK_FAILED}" -eq 0 ]; then
        STATUS_TEXT="###### Final status: ERROR: No VMs backed up! ######"; RC=7
    else
        STATUS_TEXT="###### Final status: ERROR: All VMs experienced at least a partial failure! ######"; RC=8
    fi
    [ -n "${VM_OK}" ] && log debug "VM_OK:${VM_OK}, VM_FAILED:${VM_FAILED}, VMDK_FAILED:${VMDK_FAILED}"
    log info "${STATUS_TEXT}\n"
    log debug "Succesfully removed lock directory - ${WORKDIR}\n"
    log info "============================== ghettoVCB LOG END ================================\n"
}

# ---------------------------------------------------------------- main
if [ $# -lt 1 ] || [ $# -gt 12 ]; then
    usage
    STDOUT_LOG=1 log info "ERROR: Incorrect number of arguments!"
    exit 1
fi

while getopts ":af:c:g:w:m:l:d:e:j:" opt; do
    case "${opt}" in
        a) ALL_VMS=1; VM_FILE='${WORKDIR}/vm-input-list' ;;
        f) VM_FILE=${OPTARG} ;;
        m) VM_FILE='${WORKDIR}/vm-input-list'; ONE_VM=${OPTARG} ;;
        e) EXCLUSION_FILE=${OPTARG}; HAVE_EXCLUSIONS=1 ;;
        c) CONFIG_DIR=${OPTARG}; HAVE_VM_CONF=1 ;;
        g) GLOBAL_CONF=${OPTARG}; HAVE_GLOBAL_CONF=1 ;;
        l) LOG_OUTPUT=${OPTARG} ;;
        w) WORKDIR=${OPTARG} ;;
        d) LOG_LEVEL=${OPTARG} ;;
        j) JOBNAME=${OPTARG} ;;
        :) echo "Option -${OPTARG} requires an argument."; exit 1 ;;
        *) usage ;;
    esac
done

WORKDIR=${WORKDIR:-/tmp/ghettoVCB.work}
[ -n "${VM_FILE}" ] && VM_FILE=$(eval "echo ${VM_FILE}")
if [ "${WORKDIR}" = "/" ]; then
    echo "ERROR: Refusing to run with unsafe workdir ${WORKDIR}"
    exit 1
fi

if ! mkdir "${WORKDIR}"; then
    log info "Failed to acquire lock, another instance of script may be running, giving up on ${WORKDIR}\n"
    final_status
    exit 1
fi

[ "${ALL_VMS}" = "1" ] && touch "${VM_FILE}"
[ -n "${ONE_VM}" ] && echo "${ONE_VM}" > "${VM_FILE}"
if [ "${WORKDIR_DEBUG}" -eq 1 ]; then
    STDOUT_LOG=1 log info "Workdir: ${WORKDIR} will not! be removed on exit"
else
    trap 'rm -rf "${WORKDIR}"' 0
fi

preflight

GHETTOVCB_PID=$$
echo "${GHETTOVCB_PID}" > "${WORKDIR}/pid"
log info "============================== ghettoVCB LOG START ==============================\n"
log debug "Succesfully acquired lock directory - ${WORKDIR}\n"
trap 'rm -rf "${WORKDIR}"; exit 2' 1 2 3 13 15

run_all
final_status
[ "${WORKDIR_DEBUG}" -eq 0 ] && rm -rf "${WORKDIR}"
exit ${RC}
