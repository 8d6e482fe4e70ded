/**
 * The largest value of a Postgres `integer` (`serial`) column, which most of our ids are: a
 * larger id names no row, and in a query it fails ("value is out of range for type integer")
 * instead of finding nothing, so ids read from outside are checked against it first.
 */
export const MAX_INTEGER_ID = 2_147_483_647;
