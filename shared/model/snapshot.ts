import { z } from 'zod';

/** One node of `vim-cmd vmsvc/snapshot.get`; the tree is the VM's real snapshot state (never guessed from file names). */
export const SnapshotPowerState = z.enum(['poweredOn', 'poweredOff', 'suspended', 'other']);
export type SnapshotPowerState = z.infer<typeof SnapshotPowerState>;

export interface SnapshotNode {
  name: string;
  /** Absent on ESXi ≤ 5.0. */
  id: number | null;
  description: string;
  /** As printed, `M/D/YYYY H:M:S` in the host's clock. */
  createdOn: string;
  /** `YYYY-MM-DDTHH:MM:SS` in the host's clock (no zone: ESXi is believed to run on UTC, unverified). */
  created: string | null;
  state: SnapshotPowerState;
  stateText: string;
  depth: number;
  children: SnapshotNode[];
}

export const SnapshotNode: z.ZodType<SnapshotNode> = z.object({
  name: z.string(),
  id: z.number().int().nullable(),
  description: z.string(),
  createdOn: z.string(),
  created: z.string().nullable(),
  state: SnapshotPowerState,
  stateText: z.string(),
  depth: z.number().int().min(1),
  get children() {
    return z.array(SnapshotNode);
  },
});
