// The user kind's builder: the CSV or IDX file the worker parsed last (see DataSource.loadCsv/loadIdx).
import { DataError } from './errors';
import type { DatasetBuilder } from './kinds/kind';
import type { UserSetup } from './kinds/user';

export const userFileBuilder: DatasetBuilder<UserSetup> = {
  make: (_ds, { userFile }) => {
    if (!userFile) throw new DataError('no-file', 'No file loaded yet: drop a CSV or IDX file on the page');
    return { name: userFile.name, full: userFile.data };
  },
};
