import { render } from "preact";
render(<p>Receipts</p>, document.getElementById("app")!);
