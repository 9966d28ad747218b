import { CONF_KEYS } from '../ghettovcb/conf/keys.ts';
import { confValues, parseConf } from '../ghettovcb/conf/parse.ts';

/**
 * The settings a run really uses: the script's built-in defaults with the conf's values on top (ghettoVCB
 * sources the `-g` file over its defaults, reference 2.1). A missing conf (null) leaves the defaults.
 */
export function effectiveConf(text: string | null): Map<string, string> {
  const values = new Map(CONF_KEYS.map((k) => [k.name, k.scriptDefault]));
  if (text !== null) for (const [key, { value }] of confValues(parseConf(text))) values.set(key, value);
  return values;
}
