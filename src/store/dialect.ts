/** The stores Flowlens runs on. */
export type Dialect = 'sqlite' | 'postgres';
