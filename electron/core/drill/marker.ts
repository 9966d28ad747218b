/**
 * The drill's proof that a folder is its own: a file written into the restored folder right after the folder is made,
 * before any disk, holding the drill's id. The teardown removes a folder only while this file says exactly that.
 */
export const MARKER_FILE = '.custode-drill';

export const markerLine = (drillId: string): string => `custode-drill ${drillId}`;
export const markerText = (drillId: string): string => `${markerLine(drillId)}\n`;
