/**
 * A <dl> of label/value pairs: two columns from sm up; on a phone each label sits right above its value and
 * pairs are set apart, so "Connected / just now / Site id / …" does not read as one flat list of lines.
 */
export const DETAIL_LIST = 'grid gap-x-6 gap-y-0.5 text-sm sm:grid-cols-[12rem_1fr] sm:gap-y-3 max-sm:[&>dt:not(:first-of-type)]:mt-3';
