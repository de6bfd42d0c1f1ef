// Child process for the data-directory lock test: takes the lock, says so, and holds it until killed.
import { lockDataDir } from '../../../local/dataDirLock';

const lock = lockDataDir(process.argv[2] ?? '');
process.stdout.write(`locked ${process.pid}\n`);
setInterval(() => void lock, 60_000);
