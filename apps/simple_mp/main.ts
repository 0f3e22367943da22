console.log(JSON.stringify(Deno.args));
