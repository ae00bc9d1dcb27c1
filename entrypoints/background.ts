export default defineBackground(() => {
  console.log("hello");
});
