// A digest of a file's content that reads only its data: the lab's flat disks are sparse files of tens of GB with a
// few hundred KB written, and reading their holes takes minutes. The data ranges come from SEEK_DATA/SEEK_HOLE
// (perl's sysseek, perl-base being on every Debian); every 4 KiB block in them that is not all zeros is hashed with
// its index, and the length with them. Holes read as zeros, so two files digest alike exactly when their bytes are
// equal, however each one's holes fall.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

const BLOCK = 4096;
const RANGES = 'open(my $f,"<",$ARGV[0]) or die "$!"; my $end=-s $f; my $p=0; while($p<$end){ my $d=sysseek($f,$p,3); last unless defined $d; $d+=0; my $h=sysseek($f,$d,4); $h=defined $h ? $h+0 : $end; print "$d $h\\n"; $p=$h; }';

export function sparseDigest(path: string): string {
  const size = statSync(path).size;
  const ranges = execFileSync('perl', ['-e', RANGES, path], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(' ').map(Number) as [number, number]);
  const hash = createHash('sha256').update(`${size}\n`);
  const fd = openSync(path, 'r');
  const block = Buffer.alloc(BLOCK);
  try {
    for (const [from, to] of ranges) {
      for (let at = Math.floor(from / BLOCK) * BLOCK; at < to; at += BLOCK) {
        const n = readSync(fd, block, 0, BLOCK, at);
        const data = block.subarray(0, n);
        if (data.some((b) => b !== 0)) hash.update(`${at}\n`).update(data);
      }
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
